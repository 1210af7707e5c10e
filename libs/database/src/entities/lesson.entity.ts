import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { LessonCancellationKind, LessonStatus } from '@hybridmatch/domain';
import { Placement } from './placement.entity';

/**
 * One lesson of a placement: a weekly block on one date, stored as instants (Europe/Amsterdam wall
 * time turned into UTC, daylight saving applied). The parties' ids are copied from the placement
 * so access checks and lists need no join. The exclusion constraint refuses two lessons of one
 * teacher that overlap in time (cancelled lessons free their time), however they were made: by an
 * approval, a move, or a change of the placement's dates.
 */
@Entity('lesson')
@Unique('uq_lesson_block_date', ['placementId', 'lessonBlockId', 'date'])
@Check('ck_lesson_order', '"ends_at" > "starts_at"')
@Exclusion(
  'ex_lesson_teacher_no_overlap',
  `USING gist ("teacher_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("status" <> 'cancelled')`,
)
@Index('ix_lesson_teacher_starts', ['teacherId', 'startsAt'])
@Index('ix_lesson_school_starts', ['schoolId', 'startsAt'])
@Index('ix_lesson_status_starts', ['status', 'startsAt'])
export class Lesson {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => Placement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'placement_id' })
  placement?: Placement;

  /** The weekly block this lesson comes from (with `date`, what makes generation idempotent). */
  @Column({ type: 'uuid' })
  lessonBlockId: string;

  @Column({ type: 'uuid' })
  teacherId: string;

  @Column({ type: 'uuid' })
  schoolId: string;

  @Index()
  @Column({ type: 'uuid' })
  companyId: string;

  @Index()
  @Column({ type: 'uuid' })
  regionId: string;

  /** The Amsterdam date the block was planned on (a move changes the instants, not this). */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'enum', enum: LessonStatus, enumName: 'lesson_status', default: LessonStatus.Scheduled })
  status: LessonStatus;

  /** Bumped on every change people see (move, cancel, outcome): iCalendar's SEQUENCE, and the reminder job ids. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @Column({
    type: 'enum',
    enum: LessonCancellationKind,
    enumName: 'lesson_cancellation_kind',
    nullable: true,
  })
  cancellationKind: LessonCancellationKind | null;

  @Column({ type: 'text', nullable: true })
  cancellationReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledByUserId: string | null;

  /** Cancelled less than 24 h before the start (a reliability signal coordinators see). */
  @Column({ type: 'boolean', default: false })
  lateCancellation: boolean;

  /** When and by whom `given` or `not_given` (a no-show) was recorded. */
  @Column({ type: 'timestamptz', nullable: true })
  outcomeRecordedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  outcomeByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
