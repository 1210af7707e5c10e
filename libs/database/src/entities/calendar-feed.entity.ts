import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity';
import { TeacherProfile } from './teacher-profile.entity';

/**
 * A private iCalendar feed of a teacher's or a school's lessons. The URL carries a random token;
 * only its SHA-256 is stored. Renewing revokes the old token; one live feed per owner.
 */
@Entity('calendar_feed')
@Check('ck_calendar_feed_owner', '("teacher_id" IS NULL) <> ("school_id" IS NULL)')
@Index('ux_calendar_feed_teacher', ['teacherId'], { unique: true, where: '"revoked_at" IS NULL' })
@Index('ux_calendar_feed_school', ['schoolId'], { unique: true, where: '"revoked_at" IS NULL' })
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  teacherId: string | null;

  @ManyToOne(() => TeacherProfile, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'teacher_id' })
  teacher?: TeacherProfile | null;

  @Column({ type: 'uuid', nullable: true })
  schoolId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'school_id' })
  school?: Organisation | null;

  /** SHA-256 (hex) of the token in the URL. */
  @Column({ type: 'char', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
