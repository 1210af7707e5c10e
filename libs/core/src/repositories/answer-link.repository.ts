import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserRole } from '@hybridmatch/domain';

/** A link recipient who may still act: an active user, with the teacher profile they own (if any). */
export interface LinkUser {
  id: string;
  role: UserRole;
  organisationId: string | null;
  teacherId: string | null;
}

/** Who may still use an e-mail answer link (the proposal's facts come from `CounterpartRepository`). */
@Injectable()
export class AnswerLinkRepository {
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
