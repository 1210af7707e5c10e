import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Lesson } from './lesson.entity';

/** Who left feedback on a lesson. */
export enum FeedbackParty {
  Teacher = 'teacher',
  School = 'school',
}

/** Short feedback after a lesson block: a rating (1–5) and one sentence, once per party. */
@Entity('lesson_feedback')
@Unique('uq_lesson_feedback_party', ['lessonId', 'party'])
@Check('ck_lesson_feedback_rating', '"rating" BETWEEN 1 AND 5')
export class LessonFeedback {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lessonId: string;

  @ManyToOne(() => Lesson, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: Lesson;

  @Column({ type: 'varchar', length: 10 })
  party: FeedbackParty;

  @Column({ type: 'smallint' })
  rating: number;

  @Column({ type: 'varchar', length: 500 })
  comment: string;

  @Column({ type: 'uuid', nullable: true })
  authorUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
