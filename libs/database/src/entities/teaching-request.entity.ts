import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { EducationLevel, LearningPath, TeachingRequestStatus, TeachingRole } from '@hybridmatch/domain';
import { Organisation } from './organisation.entity';
import { OrganisationLocation } from './organisation-location.entity';
import { LessonBlock } from './lesson-block.entity';

/** A school's or Hybride Techniekcentrum's request for teaching: subject, level, weekly blocks, period. */
@Entity('teaching_request')
@Index('ix_teaching_request_filter', ['subjectCode', 'level', 'status'])
@Check('ck_teaching_request_period', '"period_end" >= "period_start"')
@Check('ck_teaching_request_min_commitment', '"min_commitment_weeks" BETWEEN 1 AND 104')
@Check('ck_teaching_request_learning_path', `("level" = 'HBO') = ("learning_path" IS NULL)`)
export class TeachingRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id' })
  school?: Organisation;

  @Column({ type: 'uuid' })
  locationId: string;

  @ManyToOne(() => OrganisationLocation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id' })
  location?: OrganisationLocation;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 64 })
  subjectCode: string;

  @Column({ type: 'enum', enum: EducationLevel, enumName: 'education_level' })
  level: EducationLevel;

  @Column({ type: 'enum', enum: TeachingRole, enumName: 'teaching_role' })
  role: TeachingRole;

  /** BOL or BBL at an MBO level (DOMAIN.md rule 7); null for an HBO request. */
  @Column({ type: 'enum', enum: LearningPath, enumName: 'learning_path', nullable: true })
  learningPath: LearningPath | null;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  /** The shortest overlap (in weeks) with a teacher's availability that the school accepts. */
  @Column({ type: 'smallint', default: 1 })
  minCommitmentWeeks: number;

  /** Whether several hybrid teachers may share the request's blocks (DOMAIN.md rule 6). */
  @Column({ type: 'boolean', default: true })
  allowTeam: boolean;

  /** Whether a teacher whose VOG is still being requested may be proposed. */
  @Column({ type: 'boolean', default: false })
  allowVogPending: boolean;

  @Column({
    type: 'enum',
    enum: TeachingRequestStatus,
    enumName: 'teaching_request_status',
    default: TeachingRequestStatus.Open,
  })
  status: TeachingRequestStatus;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Why the request was cancelled or closed, by whom and when (null while it is active). */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  statusChangedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @OneToMany(() => LessonBlock, (block) => block.request, { cascade: ['insert'] })
  blocks?: LessonBlock[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
