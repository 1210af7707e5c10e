import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserRole } from '@hybridmatch/domain';

/** One teacher's lessons of a week, for the Sunday-evening digest. */
export interface TeacherWeek {
  teacherId: string;
  userId: string | null;
  lessons: Array<{ startsAt: string; endsAt: string; schoolName: string; location: string; title: string }>;
}

/** What waits for one coordinator in their regions. */
export interface CoordinatorQueue {
  userId: string;
  awaitingApproval: number;
  expiringUnanswered: number;
  lateCancellations: number;
  sickReports: number;
  checkInsDue: number;
}

/** The answers one company admin's company owes. */
export interface AnswersOwed {
  userId: string;
  companyName: string;
  proposals: Array<{ title: string; teacherName: string; expiresAt: string }>;
}

/** The digests' queries: one statement each, grouped per recipient. */
@Injectable()
export class DigestRepository {
  /** Teachers with scheduled lessons in [from, to), with those lessons; teachers reachable by login or e-mail. */
  teacherWeeks(manager: EntityManager, from: Date, to: Date): Promise<TeacherWeek[]> {
    return manager.query(
      `SELECT t.id AS "teacherId", t.user_id AS "userId",
              json_agg(json_build_object('startsAt', l.starts_at, 'endsAt', l.ends_at, 'schoolName', s.name,
                'title', r.title,
                'location', concat_ws(', ', s.name, loc.street, concat_ws(' ', loc.postal_code, loc.city)))
                ORDER BY l.starts_at) AS lessons
         FROM lesson l
         JOIN teacher_profile t ON t.id = l.teacher_id
         JOIN organisation s ON s.id = l.school_id
         JOIN placement p ON p.id = l.placement_id
         JOIN teaching_request r ON r.id = p.request_id
         LEFT JOIN organisation_location loc ON loc.id = r.location_id
        WHERE l.status = 'scheduled' AND l.starts_at >= $1 AND l.starts_at < $2
          AND (t.user_id IS NOT NULL OR t.email IS NOT NULL)
        GROUP BY t.id, t.user_id`,
      [from, to],
    );
  }

  /** Per coordinator: proposals to approve, unanswered ones expiring soon, late cancellations and sickness since `since`, check-ins due. */
  coordinatorQueues(
    manager: EntityManager,
    now: Date,
    since: Date,
    soon: Date,
    checkInsUntil: string,
  ): Promise<CoordinatorQueue[]> {
    return manager.query(
      `SELECT u.id AS "userId",
              (SELECT count(*)::int FROM proposal p WHERE p.region_id = ANY(regions.ids) AND p.status = 'awaiting_approval') AS "awaitingApproval",
              (SELECT count(*)::int FROM proposal p WHERE p.region_id = ANY(regions.ids) AND p.status = 'proposed'
                  AND p.expires_at > $1 AND p.expires_at <= $3) AS "expiringUnanswered",
              (SELECT count(*)::int FROM lesson l WHERE l.region_id = ANY(regions.ids) AND l.late_cancellation
                  AND l.cancelled_at >= $2) AS "lateCancellations",
              (SELECT count(*)::int FROM lesson l WHERE l.region_id = ANY(regions.ids) AND l.cancellation_kind = 'sick'
                  AND l.cancelled_at >= $2) AS "sickReports",
              (SELECT count(*)::int FROM supervisor_check_in c JOIN placement pl ON pl.id = c.placement_id
                WHERE pl.region_id = ANY(regions.ids) AND pl.status = 'active' AND c.completed_at IS NULL
                  AND c.due_date <= $4::date) AS "checkInsDue"
         FROM app_user u
         JOIN LATERAL (SELECT array_agg(ur.region_id) AS ids FROM user_region ur WHERE ur.user_id = u.id) regions ON true
        WHERE u.role = $5 AND u.deactivated_at IS NULL AND regions.ids IS NOT NULL`,
      [now, since, soon, checkInsUntil, UserRole.RegionalCoordinator],
    );
  }

  /** Per company admin: the open proposals for their company's staff still waiting for the company's answer. */
  answersOwed(manager: EntityManager, now: Date): Promise<AnswersOwed[]> {
    return manager.query(
      `SELECT u.id AS "userId", c.name AS "companyName",
              json_agg(json_build_object('title', r.title, 'teacherName', t.first_name || ' ' || t.last_name,
                'expiresAt', p.expires_at) ORDER BY p.expires_at) AS proposals
         FROM proposal p
         JOIN organisation c ON c.id = p.company_id
         JOIN app_user u ON u.organisation_id = p.company_id AND u.role = $2 AND u.deactivated_at IS NULL
         JOIN teacher_profile t ON t.id = p.teacher_id
         JOIN teaching_request r ON r.id = p.request_id
        WHERE p.status = 'proposed' AND p.company_answer = 'pending' AND p.expires_at > $1
        GROUP BY u.id, c.name`,
      [now, UserRole.CompanyAdmin],
    );
  }
}
