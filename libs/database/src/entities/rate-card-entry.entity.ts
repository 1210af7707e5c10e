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
import { TeachingRole } from '@hybridmatch/domain';
import { Organisation } from './organisation.entity';
import { TeacherProfile } from './teacher-profile.entity';
import { User } from './user.entity';

/**
 * One line of a company's rate card: the hourly rate it charges for one staff member, or for a
 * teaching role, from `valid_from` until `valid_until` (inclusive; null: until further notice).
 * Rates stay within the plausible bounds (`RATE_BOUNDS`, also a check here).
 */
@Entity('rate_card_entry')
@Index('ix_rate_card_entry_company', ['companyId', 'validFrom'])
@Check('ck_rate_card_entry_subject', '("teacher_id" IS NULL) <> ("role" IS NULL)')
@Check('ck_rate_card_entry_period', '"valid_until" IS NULL OR "valid_until" >= "valid_from"')
@Check('ck_rate_card_entry_rate', '"hourly_rate_cents" BETWEEN 2500 AND 25000')
export class RateCardEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id' })
  company?: Organisation;

  @Column({ type: 'uuid', nullable: true })
  teacherId: string | null;

  @ManyToOne(() => TeacherProfile, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'teacher_id' })
  teacher?: TeacherProfile | null;

  @Column({ type: 'enum', enum: TeachingRole, enumName: 'teaching_role', nullable: true })
  role: TeachingRole | null;

  @Column({ type: 'integer' })
  hourlyRateCents: number;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_user_id' })
  createdBy?: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
