import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere, In, Repository } from 'typeorm';
import { InstitutionDayOff, Organisation, Region, SchoolHoliday } from '@hybridmatch/database';
import {
  DayOff,
  HolidayRegion,
  isSchoolKind,
  readSchoolHolidayFile,
  SCHOOL_HOLIDAY_NAMES,
  SchoolHolidayRow,
} from '@hybridmatch/domain';
import { CalendarRepository } from '@hybridmatch/schedules';
import {
  AccessService,
  Actor,
  ForbiddenError,
  NotFoundError,
  Permission,
  ValidationError,
} from '@hybridmatch/core';
import {
  CalendarQueryDto,
  CreateInstitutionDayOffDto,
  HolidayFileDto,
  InstitutionDayOffDto,
  ListSchoolHolidaysQueryDto,
  PutSchoolHolidayDto,
  SchoolHolidayDto,
} from './holiday.dto';

/** The longest calendar one request may ask for. */
const MAX_CALENDAR_DAYS = 731;

export function toSchoolHolidayDto(row: SchoolHoliday): SchoolHolidayDto {
  return {
    id: row.id,
    schoolYear: row.schoolYear,
    holidayRegion: row.holidayRegion,
    kind: row.kind,
    name: SCHOOL_HOLIDAY_NAMES[row.kind],
    binding: row.binding,
    startDate: row.startDate,
    endDate: row.endDate,
    source: row.source,
    updatedAt: row.updatedAt,
  };
}

const toDayOffDto = (row: InstitutionDayOff): InstitutionDayOffDto => ({
  id: row.id,
  organisationId: row.organisationId,
  kind: row.kind,
  startDate: row.startDate,
  endDate: row.endDate,
  description: row.description,
});

/**
 * Holiday calendars as data: the school holidays per school year and holiday region (edited by
 * the platform admin and by coordinators for the holiday regions of their regions), and each
 * school's own closed and study days (edited by the school's admins and its coordinators).
 */
@Injectable()
export class HolidayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(SchoolHoliday) private readonly holidays: Repository<SchoolHoliday>,
    @InjectRepository(InstitutionDayOff) private readonly daysOff: Repository<InstitutionDayOff>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    private readonly access: AccessService,
    private readonly calendar: CalendarRepository,
  ) {}

  async list(query: ListSchoolHolidaysQueryDto): Promise<SchoolHolidayDto[]> {
    const where: FindOptionsWhere<SchoolHoliday> = {};
    if (query.schoolYear) where.schoolYear = query.schoolYear;
    if (query.holidayRegion) where.holidayRegion = query.holidayRegion;
    const rows = await this.holidays.find({ where, order: { startDate: 'ASC', holidayRegion: 'ASC' } });
    return rows.map(toSchoolHolidayDto);
  }

  /** Sets one holiday of one region and school year (insert or replace). */
  async put(actor: Actor, body: PutSchoolHolidayDto): Promise<SchoolHolidayDto> {
    const row: SchoolHolidayRow = { ...body };
    const { problems } = readSchoolHolidayFile({
      schoolYears: [
        {
          schoolYear: row.schoolYear,
          holidays: [
            { kind: row.kind, binding: row.binding, [row.holidayRegion]: [row.startDate, row.endDate] },
          ],
        },
      ],
    });
    if (problems.length) {
      const { reason, code } = problems[0];
      const field = problems[0].field.endsWith('schoolYear') ? 'schoolYear' : 'endDate';
      throw ValidationError.field(field, reason, code);
    }
    await this.assertMayEdit(actor, [row.holidayRegion]);
    await this.upsert([row], `edited through the API`, actor.userId);
    const saved = await this.holidays.findOneByOrFail({
      schoolYear: row.schoolYear,
      holidayRegion: row.holidayRegion,
      kind: row.kind,
    });
    return toSchoolHolidayDto(saved);
  }

  /** Loads a whole holiday file: every row is checked first, then all are written in one transaction. */
  async import(actor: Actor, file: HolidayFileDto): Promise<number> {
    const { rows, problems } = readSchoolHolidayFile(file);
    if (problems.length)
      throw new ValidationError(
        problems,
        `The holiday file has ${problems.length} problem(s); nothing was imported.`,
      );
    await this.assertMayEdit(actor, [...new Set(rows.map((row) => row.holidayRegion))]);
    return this.upsert(rows, file.source ?? 'imported through the API', actor.userId);
  }

  async listDaysOff(actor: Actor, organisationId: string): Promise<InstitutionDayOffDto[]> {
    await this.visibleSchool(actor, organisationId);
    const rows = await this.daysOff.find({
      where: { organisationId },
      order: { startDate: 'ASC', id: 'ASC' },
    });
    return rows.map(toDayOffDto);
  }

  async addDayOff(
    actor: Actor,
    organisationId: string,
    body: CreateInstitutionDayOffDto,
  ): Promise<InstitutionDayOffDto> {
    await this.schoolToChange(actor, organisationId);
    if (body.endDate < body.startDate)
      throw ValidationError.field('endDate', 'must be on or after startDate', 'endBeforeStart');
    const saved = await this.daysOff.save(
      this.daysOff.create({ ...body, organisationId, createdByUserId: actor.userId }),
    );
    return toDayOffDto(saved);
  }

  async removeDayOff(actor: Actor, organisationId: string, dayOffId: string): Promise<void> {
    await this.schoolToChange(actor, organisationId);
    const result = await this.daysOff.delete({ id: dayOffId, organisationId });
    if (!result.affected) throw new NotFoundError('Day off', dayOffId);
  }

  /** Every day without lessons at a school in a period: what lesson generation skips. */
  async calendarOf(actor: Actor, organisationId: string, query: CalendarQueryDto): Promise<DayOff[]> {
    await this.visibleSchool(actor, organisationId);
    if (query.to < query.from)
      throw ValidationError.field('to', 'must be on or after from', 'endBeforeStart');
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    if (days > MAX_CALENDAR_DAYS)
      throw ValidationError.field(
        'to',
        `must be at most ${MAX_CALENDAR_DAYS} days after from`,
        'rangeTooLong',
      );
    const daysOff = await this.calendar.daysOff(
      this.dataSource.manager,
      organisationId,
      query.from,
      query.to,
    );
    return daysOff.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.reason.localeCompare(b.reason));
  }

  private async upsert(rows: SchoolHolidayRow[], source: string, userId: string): Promise<number> {
    if (!rows.length) return 0;
    return this.dataSource.transaction((manager) =>
      this.calendar.upsertSchoolHolidays(manager, rows, { source, userId }),
    );
  }

  /** The platform admin edits every region's holidays; a coordinator those of their regions' holiday regions. */
  private async assertMayEdit(actor: Actor, holidayRegions: HolidayRegion[]): Promise<void> {
    const scope = this.access.organisationScope(actor);
    if (scope.kind === 'all') return;
    const own =
      scope.kind === 'regions' && scope.regionIds.length
        ? await this.regions.find({ where: { id: In(scope.regionIds) }, select: { holidayRegion: true } })
        : [];
    const allowed = new Set(own.map((region) => region.holidayRegion));
    const outside = holidayRegions.filter((region) => !allowed.has(region));
    if (outside.length)
      throw new ForbiddenError(
        `You coordinate no region in holiday region ${outside.join(', ')}; its school holidays are not yours to change.`,
      );
  }

  /** A school the actor may see (404 otherwise) and change (403 otherwise). */
  private async schoolToChange(actor: Actor, organisationId: string): Promise<Organisation> {
    const school = await this.visibleSchool(actor, organisationId);
    await this.access.requireAccess(
      actor,
      Permission.DayOffEdit,
      { organisationId, regionId: school.regionId },
      { what: 'Organisation', id: organisationId },
    );
    return school;
  }

  private async visibleSchool(actor: Actor, organisationId: string): Promise<Organisation> {
    const organisation = await this.organisations.findOneBy({ id: organisationId });
    await this.access.requireAccess(
      actor,
      Permission.OrganisationRead,
      organisation && { organisationId: organisation.id, regionId: organisation.regionId },
      { what: 'Organisation', id: organisationId },
    );
    if (!isSchoolKind((organisation as Organisation).kind))
      throw ValidationError.field(
        'organisationId',
        'must be a school or Hybride Techniekcentrum: only they have lesson days',
        'notASchool',
      );
    return organisation as Organisation;
  }
}
