import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserRole } from '@hybridmatch/domain';

/** What an answer page tells about a proposal (one statement). */
export interface AnswerLinkFacts {
  teacherName: string;
  companyName: string;
  schoolName: string;
  schoolAddress: string;
  requestTitle: string;
  subjectCode: string;
  level: string;
  periodStart: string;
  periodEnd: string;
  minutesPerWeek: number;
  /** The proposed lesson blocks: ISO weekday (1 = Monday) and `HH:MM` times. */
  blocks: Array<{ weekday: number; start: string; end: string }>;
}

/** A link recipient who may still act: an active user, with the teacher profile they own (if any). */
export interface LinkUser {
  id: string;
  role: UserRole;
  organisationId: string | null;
  teacherId: string | null;
}

/** The queries behind e-mail answer links. */
@Injectable()
export class AnswerLinkRepository {
  async facts(manager: EntityManager, proposalId: string): Promise<AnswerLinkFacts> {
    const [row]: Array<AnswerLinkFacts> = await manager.query(
      `SELECT t.first_name || ' ' || t.last_name AS "teacherName", c.name AS "companyName",
              s.name AS "schoolName", l.street || ', ' || l.postal_code || ' ' || l.city AS "schoolAddress",
              r.title AS "requestTitle", r.subject_code AS "subjectCode", r.level::text AS level,
              to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd",
              p.minutes_per_week AS "minutesPerWeek",
              (SELECT coalesce(json_agg(json_build_object('weekday', b.weekday, 'start', to_char(b.start_time, 'HH24:MI'),
                                                          'end', to_char(b.end_time, 'HH24:MI'))
                                        ORDER BY b.weekday, b.start_time), '[]'::json)
                 FROM lesson_block b WHERE b.id = ANY(p.block_ids)) AS blocks
         FROM proposal p
         JOIN teacher_profile t ON t.id = p.teacher_id
         JOIN organisation c ON c.id = p.company_id
         JOIN organisation s ON s.id = p.school_id
         JOIN teaching_request r ON r.id = p.request_id
         JOIN organisation_location l ON l.id = r.location_id
        WHERE p.id = $1`,
      [proposalId],
    );
    return row;
  }

  async activeUser(manager: EntityManager, userId: string): Promise<LinkUser | null> {
    const [row]: LinkUser[] = await manager.query(
      `SELECT u.id, u.role, u.organisation_id AS "organisationId",
              (SELECT t.id FROM teacher_profile t WHERE t.user_id = u.id) AS "teacherId"
         FROM app_user u
        WHERE u.id = $1 AND u.deactivated_at IS NULL`,
      [userId],
    );
    return row ?? null;
  }
}
