import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Region } from './region.entity';

/** The scope key of the national snapshot (a region's snapshot uses the region id). */
export const NATIONAL_SCOPE = 'national';

/**
 * A weekly snapshot of the progress figures (see the progress report), national and per region,
 * written by the worker's `snapshot-progress` job. One row per week and scope: the job's upsert
 * makes a repeated or retried run harmless, and the latest run of a week wins.
 */
@Entity('progress_snapshot')
@Index('uq_progress_snapshot_week_scope', ['weekStart', 'scopeKey'], { unique: true })
export class ProgressSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The Monday of the week (Europe/Amsterdam). */
  @Column({ type: 'date' })
  weekStart: string;

  /** `national`, or the region id. */
  @Column({ type: 'varchar', length: 36 })
  scopeKey: string;

  @Column({ type: 'uuid', nullable: true })
  regionId: string | null;

  @ManyToOne(() => Region, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'region_id' })
  region?: Region | null;

  /** The figures of the week (teachers offered, proposed, placed, active; hours; requests). */
  @Column({ type: 'jsonb' })
  figures: Record<string, number>;

  @Column({ type: 'timestamptz' })
  takenAt: Date;
}
