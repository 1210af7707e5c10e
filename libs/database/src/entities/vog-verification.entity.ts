import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { VogVerificationStatus } from '@hybridmatch/domain';
import { Proposal } from './proposal.entity';
import { TeacherProfile } from './teacher-profile.entity';
import { User } from './user.entity';

/**
 * One check of a teacher's VOG by the school of a proposal (and of its placement), DOMAIN.md rule 4.
 * Rows are only added: the history of checks. A check never changes the issue date the company
 * recorded on the teacher's profile; `recordedIssuedOn` keeps what the company had recorded when the
 * school checked, so the two can be compared. The document itself is never stored.
 */
@Entity('vog_verification')
@Index('ix_vog_verification_proposal_verified', ['proposalId', 'verifiedAt'])
export class VogVerification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: Proposal;

  @Index('ix_vog_verification_teacher')
  @Column({ type: 'uuid' })
  teacherId: string;

  @ManyToOne(() => TeacherProfile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'teacher_id' })
  teacher?: TeacherProfile;

  /** The school that checked (the proposal's school). */
  @Column({ type: 'uuid' })
  schoolId: string;

  @Column({ type: 'enum', enum: VogVerificationStatus, enumName: 'vog_verification_status' })
  status: VogVerificationStatus;

  /** The issue date printed on the VOG the school saw (null when none was shown). */
  @Column({ type: 'date', nullable: true })
  issuedOn: string | null;

  /** The issue date the company had recorded on the profile at the time of the check. */
  @Column({ type: 'date', nullable: true })
  recordedIssuedOn: string | null;

  @Column({ type: 'varchar', length: 1000, default: '' })
  note: string;

  @Column({ type: 'uuid', nullable: true })
  verifiedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'verified_by_user_id' })
  verifiedBy?: User | null;

  /** When the school checked, from the product's clock. */
  @Column({ type: 'timestamptz' })
  verifiedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
