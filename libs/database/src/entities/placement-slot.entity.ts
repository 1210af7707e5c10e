import {
  Check,
  Column,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Weekday } from '@hybridmatch/domain';
import { LessonBlock } from './lesson-block.entity';
import { Placement } from './placement.entity';
import { TeacherProfile } from './teacher-profile.entity';

/**
 * One weekly lesson block of a placement, as ranges the database can compare. The exclusion
 * constraint guarantees that no two active slots of one teacher overlap: same weekday, overlapping
 * minutes and overlapping dates are refused (SQLSTATE 23P01), however many approvals race.
 */
@Entity('placement_slot')
@Unique('uq_placement_slot_block', ['placementId', 'lessonBlockId'])
@Check('ck_placement_slot_weekday', '"weekday" BETWEEN 1 AND 7')
@Exclusion(
  'ex_placement_slot_no_overlap',
  'USING gist ("teacher_id" WITH =, "weekday" WITH =, "minutes" WITH &&, "dates" WITH &&) WHERE ("active")',
)
export class PlacementSlot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => Placement, (placement) => placement.slots, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'placement_id' })
  placement?: Placement;

  @Column({ type: 'uuid' })
  lessonBlockId: string;

  @ManyToOne(() => LessonBlock, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lesson_block_id' })
  lessonBlock?: LessonBlock;

  @Index()
  @Column({ type: 'uuid' })
  teacherId: string;

  @ManyToOne(() => TeacherProfile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'teacher_id' })
  teacher?: TeacherProfile;

  @Column({ type: 'smallint' })
  weekday: Weekday;

  /** Minutes since midnight, half-open: `[540,720)` is 09:00–12:00. */
  @Column({ type: 'int4range' })
  minutes: string;

  /** The placement's period, inclusive of both ends: `[2026-09-01,2027-01-31]`. */
  @Column({ type: 'daterange' })
  dates: string;

  /** False once the placement is cancelled: the time is free again. */
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
