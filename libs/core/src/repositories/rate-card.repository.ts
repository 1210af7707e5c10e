import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RateCardEntry } from '@hybridmatch/database';
import { ClockTime, TeachingRole, WeeklyBlock } from '@hybridmatch/domain';

/** The queries behind rate cards and proposal costs. */
@Injectable()
export class RateCardRepository {
  entriesOf(manager: EntityManager, companyId: string): Promise<RateCardEntry[]> {
    return manager.find(RateCardEntry, {
      where: { companyId },
      order: { validFrom: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  async isStaffOf(manager: EntityManager, teacherId: string, companyId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM teacher_profile WHERE id = $1 AND company_id = $2`,
      [teacherId, companyId],
    );
    return rows.length > 0;
  }

  /** The request's role and period and the proposal's weekly blocks (times in minutes). */
  async proposalFacts(
    manager: EntityManager,
    proposalId: string,
  ): Promise<{ role: TeachingRole; periodStart: string; periodEnd: string; blocks: WeeklyBlock[] }> {
    const [row]: Array<{
      role: TeachingRole;
      period_start: string;
      period_end: string;
      blocks: Array<{ blockId: string; weekday: number; startTime: number; endTime: number }>;
    }> = await manager.query(
      `SELECT r.role, r.period_start::text, r.period_end::text,
              (SELECT coalesce(json_agg(json_build_object(
                        'blockId', b.id, 'weekday', b.weekday,
                        'startTime', extract(epoch FROM b.start_time)::int / 60,
                        'endTime', extract(epoch FROM b.end_time)::int / 60)), '[]'::json)
                 FROM lesson_block b WHERE b.id = ANY(p.block_ids)) AS blocks
         FROM proposal p JOIN teaching_request r ON r.id = p.request_id
        WHERE p.id = $1`,
      [proposalId],
    );
    return {
      role: row.role,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      blocks: row.blocks.map((block) => ({
        ...block,
        startTime: block.startTime as ClockTime,
        endTime: block.endTime as ClockTime,
      })),
    };
  }
}
