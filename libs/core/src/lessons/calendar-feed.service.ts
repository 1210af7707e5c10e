import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK } from '@hybridmatch/config';
import { CalendarFeed, Organisation, TeacherProfile } from '@hybridmatch/database';
import { Clock, LessonStatus, OrganisationKind, PRODUCT_TIME_ZONE } from '@hybridmatch/domain';
import { Actor } from '../access/actor';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { NotFoundError, ValidationError } from '../errors/domain-error';
import { LessonRepository } from '../repositories/lesson.repository';
import { amsterdamVtimezone } from './amsterdam-vtimezone';

const DAY_MS = 24 * 3600_000;
/** How far back and ahead a feed shows lessons. */
const FEED_PAST_MS = 90 * DAY_MS;
const FEED_AHEAD_MS = 400 * DAY_MS;

export interface CalendarFeedOwnerRef {
  teacherId?: string;
  schoolId?: string;
}

export interface CalendarFeedView {
  id: string;
  teacherId: string | null;
  schoolId: string | null;
  /** The private subscription URL; shown once, when made or renewed. */
  url: string;
  createdAt: Date;
}

const amsterdam = (instant: Date) => DateTime.fromJSDate(instant, { zone: PRODUCT_TIME_ZONE });
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Private iCalendar feeds of a teacher's or a school's lessons. The URL carries a random token
 * (only its SHA-256 is stored); making a feed again renews it and revokes the old URL. Events keep
 * stable UIDs (`lesson-<id>@hybridmatch`), carry the lesson's SEQUENCE, STATUS:CANCELLED for
 * cancelled lessons, times in Europe/Amsterdam with its VTIMEZONE, and the school's address as
 * LOCATION, so subscribed calendars update in place.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly lessons: LessonRepository,
  ) {}

  /** Makes (or renews) the feed of a teacher or a school; the previous URL stops working. */
  async create(actor: Actor, owner: CalendarFeedOwnerRef): Promise<CalendarFeedView> {
    if (!owner.teacherId === !owner.schoolId)
      throw ValidationError.field(
        'teacherId',
        'give exactly one of teacherId and schoolId',
        'teacherOrSchool',
      );
    await this.requireManage(
      actor,
      owner,
      owner.teacherId ? 'Teacher' : 'School',
      (owner.teacherId ?? owner.schoolId) as string,
    );
    const token = randomBytes(32).toString('base64url');
    const feed = await this.dataSource.transaction(async (manager) => {
      const where = owner.teacherId
        ? { teacherId: owner.teacherId, revokedAt: IsNull() }
        : { schoolId: owner.schoolId, revokedAt: IsNull() };
      await manager.update(CalendarFeed, where, { revokedAt: this.clock.now() });
      return manager.save(
        manager.create(CalendarFeed, {
          teacherId: owner.teacherId ?? null,
          schoolId: owner.schoolId ?? null,
          tokenHash: hashOf(token),
          createdByUserId: actor.userId,
          revokedAt: null,
        }),
      );
    });
    return {
      id: feed.id,
      teacherId: feed.teacherId,
      schoolId: feed.schoolId,
      url: this.urlOf(token),
      createdAt: feed.createdAt,
    };
  }

  /** Revokes a feed: its URL answers 404 from now on. */
  async revoke(actor: Actor, id: string): Promise<void> {
    const feed = await this.dataSource.getRepository(CalendarFeed).findOneBy({ id, revokedAt: IsNull() });
    if (!feed) throw new NotFoundError('Calendar feed', id);
    const owner = feed.teacherId ? { teacherId: feed.teacherId } : { schoolId: feed.schoolId as string };
    await this.requireManage(actor, owner, 'Calendar feed', id);
    await this.dataSource.getRepository(CalendarFeed).update({ id }, { revokedAt: this.clock.now() });
  }

  /** The feed's iCalendar text, or 404 for an unknown or revoked token. */
  async render(token: string): Promise<string> {
    const feed = await this.dataSource
      .getRepository(CalendarFeed)
      .findOneBy({ tokenHash: hashOf(token), revokedAt: IsNull() });
    if (!feed) throw new NotFoundError('Calendar feed');
    const now = this.clock.now().getTime();
    const lessons = await this.lessons.facts(
      this.dataSource.manager,
      feed.teacherId ? { teacherId: feed.teacherId } : { schoolId: feed.schoolId as string },
      { from: new Date(now - FEED_PAST_MS), to: new Date(now + FEED_AHEAD_MS) },
    );
    const forTeacher = feed.teacherId !== null;
    const calendar = ical({
      name: forTeacher
        ? `HybridMatch – lessen ${lessons[0]?.teacherName ?? ''}`.trim()
        : `HybridMatch – lessen ${lessons[0]?.schoolName ?? ''}`.trim(),
      prodId: { company: 'HybridMatch', product: 'lessons', language: 'NL' },
      method: ICalCalendarMethod.PUBLISH,
      timezone: { name: PRODUCT_TIME_ZONE, generator: amsterdamVtimezone },
      ttl: 3600,
    });
    for (const lesson of lessons) {
      const cancelled = lesson.status === LessonStatus.Cancelled;
      calendar.createEvent({
        id: `lesson-${lesson.id}@hybridmatch`,
        sequence: lesson.sequence,
        // Luxon dates in Amsterdam: ical-generator then writes Amsterdam wall-clock times with
        // TZID=Europe/Amsterdam (a plain Date would be written in the server's own zone).
        start: amsterdam(lesson.startsAt),
        end: amsterdam(lesson.endsAt),
        timezone: PRODUCT_TIME_ZONE,
        stamp: amsterdam(lesson.updatedAt),
        lastModified: amsterdam(lesson.updatedAt),
        summary: forTeacher
          ? `Les: ${lesson.requestTitle} (${lesson.schoolName})`
          : `${lesson.requestTitle}: ${lesson.teacherName}`,
        location: lesson.location,
        description: [
          `Docent: ${lesson.teacherName} (${lesson.companyName})`,
          `Werkplekbegeleider: ${lesson.supervisorName}`,
          ...(cancelled ? [`Vervallen: ${lesson.cancellationReason ?? lesson.cancellationKind ?? ''}`] : []),
        ].join('\n'),
        status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
    return calendar.toString();
  }

  private urlOf(token: string): string {
    return `${this.config.http.publicUrl}/api/calendar/${token}.ics`;
  }

  private async regionOf(organisationId: string): Promise<string | null> {
    const owner = await this.lessons.organisationOwner(this.dataSource.manager, organisationId);
    return owner?.regionId ?? null;
  }

  /** A teacher's feed is theirs (and the platform admin's) to manage; a school's, its admins'. Unknown owners are a 404. */
  private async requireManage(
    actor: Actor,
    owner: CalendarFeedOwnerRef,
    what: string,
    id: string,
  ): Promise<void> {
    if (owner.teacherId) {
      const teacher = await this.dataSource.getRepository(TeacherProfile).findOneBy({ id: owner.teacherId });
      const region = teacher ? await this.regionOf(teacher.companyId) : null;
      await this.access.requireAccess(
        actor,
        Permission.CalendarFeedManage,
        teacher && region
          ? { teacher: { organisationId: teacher.companyId, regionId: region, userId: teacher.userId } }
          : null,
        { what, id },
      );
    } else {
      const school = await this.dataSource.getRepository(Organisation).findOneBy({ id: owner.schoolId });
      await this.access.requireAccess(
        actor,
        Permission.CalendarFeedManage,
        school && school.kind !== OrganisationKind.Company
          ? { school: { organisationId: school.id, regionId: school.regionId } }
          : null,
        { what, id },
      );
    }
  }
}
