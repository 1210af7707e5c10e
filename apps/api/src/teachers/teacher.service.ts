import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError, Repository } from 'typeorm';
import { Organisation, TeacherAvailabilityWindow, TeacherProfile } from '@hybridmatch/database';
import { CLOCK } from '@hybridmatch/config';
import {
  Clock,
  OrganisationKind,
  Qualification,
  formatClockTime,
  parseClockTime,
  pdgDeadline,
  today,
  vogValidUntil,
} from '@hybridmatch/domain';
import {
  AccessService,
  Actor,
  ConcurrentUpdateError,
  ConflictError,
  EMPLOYEE_REF_CONSTRAINT,
  ErrorCode,
  ForbiddenError,
  Page,
  pageWindow,
  PendingInviteRepository,
  Permission,
  RuleFlagService,
  TeacherRepository,
  ValidationError,
} from '@hybridmatch/core';
import { StaffInviteService } from './staff-invites';
import { CsvField, CsvTeacherRow, columnOf, decodeCsv, readTeacherCsv } from './teacher-csv';
import { TeacherRuleInput, teacherRuleErrors, vogValidForStart } from './teacher-rules';
import {
  CreateTeacherDto,
  ImportResultDto,
  ListTeachersQueryDto,
  TEACHER_SELF_EDITABLE,
  TeacherDto,
  UpdateTeacherDto,
  VerifyVogDto,
  WindowDto,
} from './teacher.dto';

/** Rows per INSERT statement in the CSV import: about 20 parameters each, well under PostgreSQL's 65,535. */
const IMPORT_CHUNK_ROWS = 1000;

/** `pendingInviteId`: the pending invite for the profile the viewer sees in place of a login (see `loginIds`). */
export function toTeacherDto(
  teacher: TeacherProfile,
  windows: TeacherAvailabilityWindow[],
  pendingInviteId: string | null = null,
): TeacherDto {
  return {
    id: teacher.id,
    companyId: teacher.companyId,
    userId: teacher.userId ?? pendingInviteId,
    employeeRef: teacher.employeeRef,
    firstName: teacher.firstName,
    lastName: teacher.lastName,
    email: teacher.email,
    skills: teacher.skills,
    levels: teacher.levels,
    windows: windows
      .map((window) => ({
        weekday: window.weekday,
        start: formatClockTime(window.startTime),
        end: formatClockTime(window.endTime),
      }))
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
    releasedDaysPerWeek: teacher.releasedDaysPerWeek,
    releasedHoursPerWeek: teacher.releasedHoursPerWeek,
    availableFrom: teacher.availableFrom,
    availableUntil: teacher.availableUntil,
    homeCity: teacher.homeCity,
    homeLatitude: teacher.homeLatitude,
    homeLongitude: teacher.homeLongitude,
    maxTravelKm: teacher.maxTravelKm,
    contractHoursPerWeek: teacher.contractHoursPerWeek,
    qualification: teacher.qualification,
    qualificationSince: teacher.qualificationSince,
    pdgDeadline:
      teacher.qualification === Qualification.PdgInProgress ? pdgDeadline(teacher.qualificationSince) : null,
    hasPdc: teacher.hasPdc,
    hasHboDidactic: teacher.hasHboDidactic,
    active: teacher.active,
    vog: {
      issuedOn: teacher.vogIssuedOn,
      verifiedAt: teacher.vogVerifiedAt,
      verifiedByUserId: teacher.vogVerifiedByUserId,
      validForSchoolStart: vogValidForStart(teacher.vogIssuedOn, teacher.availableFrom),
      validUntil: vogValidUntil(teacher.vogIssuedOn),
    },
    version: teacher.version,
  };
}

const toWindowRows = (teacherId: string, windows: WindowDto[]) =>
  windows.map((window) => ({
    teacherId,
    weekday: window.weekday,
    startTime: parseClockTime(window.start),
    endTime: parseClockTime(window.end),
  }));

/**
 * Hybrid teacher profiles. Scope (via AccessService): the platform admin sees all; a coordinator
 * the staff of companies in their regions; a company admin their own staff; a hybrid teacher only
 * their own profile. School admins are refused at the route: schools meet teachers through
 * proposals.
 */
@Injectable()
export class TeacherService {
  constructor(
    @InjectRepository(TeacherProfile) private readonly teachers: Repository<TeacherProfile>,
    @InjectRepository(TeacherAvailabilityWindow)
    private readonly windows: Repository<TeacherAvailabilityWindow>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly staffInvites: StaffInviteService,
    private readonly teacherRows: TeacherRepository,
    private readonly pendingInvites: PendingInviteRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ruleFlags: RuleFlagService,
  ) {}

  async list(actor: Actor, query: ListTeachersQueryDto): Promise<Page<TeacherDto>> {
    const empty = { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
    const scope = this.access.teacherScope(actor);
    if (scope.kind === 'none' || (scope.kind === 'regions' && scope.regionIds.length === 0)) return empty;
    const [rows, total] = await this.teacherRows.page(
      scope,
      {
        regionId: query.regionId,
        companyId: query.companyId,
        active: query.active,
        subjectCode: query.subjectCode,
        level: query.level,
        sort: query.sort,
      },
      pageWindow(query),
    );
    const windows = rows.length
      ? await this.windows.findBy({ teacherId: In(rows.map((row) => row.id)) })
      : [];
    const invites = await this.loginIds(actor, rows);
    const items = rows.map((row) =>
      toTeacherDto(
        row,
        windows.filter((window) => window.teacherId === row.id),
        invites.get(row.id),
      ),
    );
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  async get(actor: Actor, id: string): Promise<TeacherDto> {
    const teacher = await this.loadVisible(actor, id, this.dataSource.manager, Permission.TeacherRead);
    const invites = await this.loginIds(actor, [teacher]);
    return toTeacherDto(teacher, await this.windows.findBy({ teacherId: id }), invites.get(id));
  }

  /**
   * For profiles without a login: the pending invite the actor sees in its place (an invite to an
   * address with an account elsewhere), by profile id. Its id is the one `GET /api/users` lists it
   * under, as a login's would be, so the profile reads as invited either way (issue 9, item 12).
   */
  private loginIds(actor: Actor, profiles: TeacherProfile[]): Promise<Map<string, string>> {
    return this.pendingInvites.visibleForProfiles(
      this.access.accountScope(actor),
      profiles.filter((profile) => profile.userId === null).map((profile) => profile.id),
    );
  }

  async create(actor: Actor, body: CreateTeacherDto): Promise<TeacherDto> {
    const companyId = await this.companyFor(actor, body.companyId);
    const { windows, companyId: _companyId, invite, ...fields } = body;
    assertTeacherRules({ ...fields, windows, invite }, today(this.clock));
    await this.assertEmployeeRefFree(companyId, fields.employeeRef);
    const id = await this.dataSource
      .transaction(async (manager) => {
        const saved = await manager.save(
          manager.create(TeacherProfile, {
            ...fields,
            companyId,
            email: fields.email ?? null,
            availableUntil: fields.availableUntil ?? null,
            vogIssuedOn: fields.vogIssuedOn ?? null,
            qualification: fields.qualification ?? Qualification.None,
            qualificationSince: fields.qualificationSince ?? null,
            hasPdc: fields.hasPdc ?? false,
            hasHboDidactic: fields.hasHboDidactic ?? false,
          }),
        );
        await manager.insert(TeacherAvailabilityWindow, toWindowRows(saved.id, windows));
        if (invite) await this.staffInvites.invite(manager, actor, companyId, [saved.id]);
        return saved.id;
      })
      .catch(rethrowDuplicateEmployeeRef(body.employeeRef));
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, body: UpdateTeacherDto): Promise<TeacherDto> {
    await this.dataSource
      .transaction(async (manager) => {
        const teacher = await this.loadVisible(actor, id, manager, Permission.TeacherUpdate, { lock: true });
        if (this.access.teacherScope(actor).kind === 'self') assertTeacherMayChange(body);
        if (body.version !== undefined && body.version !== teacher.version) {
          throw new ConcurrentUpdateError(
            `Someone else changed this teacher (you sent version ${body.version}; it is now ${teacher.version}). Reload it and try again.`,
          );
        }
        const { windows, version: _version, ...fields } = body;
        assertTeacherRules({ ...teacher, ...fields, windows }, today(this.clock));
        if (fields.employeeRef !== undefined && fields.employeeRef !== teacher.employeeRef)
          await this.assertEmployeeRefFree(teacher.companyId, fields.employeeRef, manager);
        const vogChanged = fields.vogIssuedOn !== undefined && fields.vogIssuedOn !== teacher.vogIssuedOn;
        // Always touch the row, so the version also moves when only the windows change.
        await manager.update(TeacherProfile, id, {
          ...fields,
          ...(vogChanged ? { vogVerifiedAt: null, vogVerifiedByUserId: null } : {}),
          updatedAt: this.clock.now(),
        });
        if (windows) {
          await manager.delete(TeacherAvailabilityWindow, { teacherId: id });
          await manager.insert(TeacherAvailabilityWindow, toWindowRows(id, windows));
        }
        // The teacher's open proposals and placements are checked again (flagged when broken).
        await this.ruleFlags.recheckTeachers(manager, [id]);
      })
      .catch(rethrowDuplicateEmployeeRef(body.employeeRef));
    return this.get(actor, id);
  }

  /** Records that someone checked the VOG (DOMAIN.md rule 4): its issue date, who and when. Never the document. */
  async verifyVog(actor: Actor, id: string, body: VerifyVogDto): Promise<TeacherDto> {
    await this.loadVisible(actor, id, this.dataSource.manager, Permission.TeacherVerify);
    const now = this.clock.now();
    const todayDate = today(this.clock);
    if (body.issuedOn > todayDate)
      throw ValidationError.field(
        'issuedOn',
        `must not be in the future (today is ${todayDate})`,
        'dateInFuture',
      );
    await this.dataSource.transaction(async (manager) => {
      await manager.update(TeacherProfile, id, {
        vogIssuedOn: body.issuedOn,
        vogVerifiedByUserId: actor.userId,
        vogVerifiedAt: now,
      });
      await this.ruleFlags.recheckTeachers(manager, [id]);
    });
    return this.get(actor, id);
  }

  /**
   * Imports a company's staff from CSV, one import per company at a time: every row is validated
   * first (the file read as a stream, yielding to the event loop); then the same transaction
   * upserts the profiles by (company, employee_ref), replaces their windows and sends the invites,
   * IMPORT_CHUNK_ROWS rows per statement. All or nothing.
   */
  async importCsv(
    actor: Actor,
    requestedCompanyId: string | undefined,
    body: Buffer,
  ): Promise<ImportResultDto> {
    const companyId = await this.companyFor(actor, requestedCompanyId);
    const { text, encoding } = decodeCsv(body);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.teacherRows.tryLockCompanyImport(manager, companyId)))
        throw new ConflictError(
          ErrorCode.ImportInProgress,
          "Another import of your company's staff is still running. Wait until it has finished, then upload the file again.",
        );
      const read = await readTeacherCsv(text, today(this.clock));
      // Rows in one order (by employee reference), so concurrent writers lock them in the same order.
      const rows = [...read.rows].sort((a, b) => compareRefs(a.teacher.employeeRef, b.teacher.employeeRef));
      let created = 0;
      let invited = 0;
      for (let start = 0; start < rows.length; start += IMPORT_CHUNK_ROWS) {
        const chunk = rows.slice(start, start + IMPORT_CHUNK_ROWS);
        const written = await this.upsertProfiles(manager, companyId, read.fields, chunk);
        created += written.created;
        await this.teacherRows.replaceWindows(
          manager,
          written.ids,
          chunk.flatMap((row, index) =>
            row.teacher.windows.map((window) => ({ teacherId: written.ids[index], ...window })),
          ),
        );
        invited += await this.staffInvites.invite(
          manager,
          actor,
          companyId,
          written.ids.filter((_id, index) => chunk[index].teacher.invite === true),
        );
        // Updated profiles: their open proposals and placements are checked again.
        await this.ruleFlags.recheckTeachers(manager, written.ids);
      }
      return { created, updated: rows.length - created, total: rows.length, invited, encoding };
    });
  }

  /** Upserts a chunk of rows by (company, employee_ref); answers the profile ids in row order and how many were new. */
  private async upsertProfiles(
    manager: EntityManager,
    companyId: string,
    fields: CsvField[],
    rows: CsvTeacherRow[],
  ): Promise<{ ids: string[]; created: number }> {
    const written = fields.filter((field) => field !== 'windows' && field !== 'invite');
    const profiles = await this.teacherRows.upsertByEmployeeRef(
      manager,
      companyId,
      written.map((field) => ({ name: columnOf(field), cast: SQL_CAST[field] })),
      rows.map((row) => written.map((field) => sqlValue(row, field))),
    );
    const idOfRef = new Map(profiles.map((profile) => [profile.employeeRef, profile.id]));
    return {
      ids: rows.map((row) => idOfRef.get(row.teacher.employeeRef) as string),
      created: profiles.filter((profile) => profile.inserted).length,
    };
  }

  /** The company a new profile belongs to: the company admin's own, or the one the platform admin names. */
  private async companyFor(actor: Actor, requestedCompanyId: string | undefined): Promise<string> {
    const scope = this.access.organisationScope(actor);
    if (scope.kind !== 'all') {
      if (requestedCompanyId !== undefined)
        throw ValidationError.field(
          'companyId',
          'leave it out: you add staff to your own company',
          'ownCompanyOnly',
        );
      if (scope.kind !== 'organisation') throw new ForbiddenError('Your account is not linked to a company.');
      return scope.organisationId;
    }
    if (!requestedCompanyId)
      throw ValidationError.field(
        'companyId',
        'is required: the company that offers this person',
        'companyRequired',
      );
    const company = await this.organisations.findOneBy({ id: requestedCompanyId });
    if (company?.kind !== OrganisationKind.Company)
      throw ValidationError.field('companyId', `${requestedCompanyId} is not a company`, 'notACompany');
    return company.id;
  }

  /** A friendly 409 before writing; the unique constraint still guards against a concurrent insert. */
  private async assertEmployeeRefFree(
    companyId: string,
    employeeRef: string,
    manager = this.dataSource.manager,
  ): Promise<void> {
    if (await manager.existsBy(TeacherProfile, { companyId, employeeRef }))
      throw duplicateEmployeeRef(employeeRef);
  }

  /** Loads a profile the actor may see (a hybrid teacher: only their own) and use `permission` on, or throws. */
  private async loadVisible(
    actor: Actor,
    id: string,
    manager: EntityManager,
    permission: Permission.TeacherRead | Permission.TeacherUpdate | Permission.TeacherVerify,
    options: { lock?: boolean } = {},
  ): Promise<TeacherProfile> {
    const teacher = await manager.findOne(TeacherProfile, {
      where: { id },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const company = teacher && (await manager.findOneBy(Organisation, { id: teacher.companyId }));
    const owned = teacher &&
      company && { organisationId: company.id, regionId: company.regionId, userId: teacher.userId };
    await this.access.requireAccess(actor, permission, owned, { what: 'Teacher', id });
    return teacher as TeacherProfile;
  }
}

function assertTeacherRules(input: TeacherRuleInput, todayDate: string): void {
  const errors = teacherRuleErrors(input, todayDate);
  if (errors.length) throw new ValidationError(errors);
}

/** A hybrid teacher keeps their own availability, travel distance and home up to date; the rest is their company's. */
function assertTeacherMayChange(body: UpdateTeacherDto): void {
  const notAllowed = Object.entries(body)
    .filter(([field, value]) => value !== undefined && !TEACHER_SELF_EDITABLE.includes(field))
    .map(([field]) => field);
  if (notAllowed.length) {
    throw new ForbiddenError(
      `As a hybrid teacher you may change only your windows, maxTravelKm and home (homeCity, homeLatitude, homeLongitude); ask your company to change: ${notAllowed.join(', ')}.`,
    );
  }
}

const duplicateEmployeeRef = (employeeRef: string | undefined) =>
  new ConflictError(
    ErrorCode.EmployeeRefTaken,
    `This company already has a teacher with employeeRef "${employeeRef}".`,
  );

function rethrowDuplicateEmployeeRef(employeeRef: string | undefined) {
  return (error: unknown): never => {
    if (
      error instanceof QueryFailedError &&
      (error.driverError as { constraint?: string }).constraint === EMPLOYEE_REF_CONSTRAINT
    )
      throw duplicateEmployeeRef(employeeRef);
    throw error;
  };
}

/** How an imported value is written: jsonb and enum columns need a cast, absent optional values are null. */
const SQL_CAST: Partial<Record<CsvField, string>> = {
  skills: '::jsonb',
  levels: '::education_level[]',
  qualification: '::qualification',
};
const sqlValue = (row: CsvTeacherRow, field: CsvField): unknown => {
  const value = row.teacher[field];
  if (field === 'skills') return JSON.stringify(value);
  if (field === 'qualification') return value ?? Qualification.None;
  if (field === 'hasPdc' || field === 'hasHboDidactic') return value ?? false;
  return value ?? null;
};

/** Employee references in one fixed order (code points, not the locale), for the import's lock order. */
const compareRefs = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
