import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Lesson } from './lesson.entity';

/** Who a lesson reminder is for: the teacher, or the school's contacts. */
export enum ReminderAudience {
  Teacher = 'teacher',
  School = 'school',
}

/**
 * A lesson reminder that was sent: one row per lesson, audience and lesson `sequence` (a moved
 * lesson is reminded again at its new time). The row, not the queue, says a reminder went out;
 * the reminder job writes it in the same transaction as the notifications, so a job that runs
 * twice (or is re-created after Redis lost it) sends nothing twice.
 */
@Entity('lesson_reminder')
export class LessonReminder {
  @PrimaryColumn({ type: 'uuid' })
  lessonId: string;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: Lesson;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  audience: ReminderAudience;

  @PrimaryColumn({ type: 'integer' })
  sequence: number;

  @Column({ type: 'timestamptz' })
  sentAt: Date;

  /** How many people it went to (0 when nobody could be reached). */
  @Column({ type: 'integer' })
  recipients: number;
}
