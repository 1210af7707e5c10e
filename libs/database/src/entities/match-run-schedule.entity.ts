import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Region } from './region.entity';
import { User } from './user.entity';

/** The one time zone schedules are read in: the Dutch school day. */
export const MATCH_SCHEDULE_TIMEZONE = 'Europe/Amsterdam';

/**
 * A region's match-run schedule: a 5-field cron pattern (at most once an hour) read in
 * Europe/Amsterdam. The API keeps a BullMQ job scheduler in step with this row after each change,
 * and the worker makes all of them match this table on boot and after Redis reconnects, so the
 * table is the truth and Redis only a copy. `version` detects concurrent changes.
 */
@Entity('match_run_schedule')
export class MatchRunSchedule {
  @PrimaryColumn({ type: 'uuid' })
  regionId: string;

  @OneToOne(() => Region, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  /** minute hour day-of-month month day-of-week, e.g. `0 6 * * 1` (Mondays 06:00). */
  @Column({ type: 'varchar', length: 100 })
  cron: string;

  @Column({ type: 'varchar', length: 64, default: MATCH_SCHEDULE_TIMEZONE })
  timezone: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Who last changed it; null once that user is deleted. */
  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'updated_by_user_id' })
  updatedBy?: User | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
