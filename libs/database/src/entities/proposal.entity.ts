import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { ProposalAnswer, ProposalStatus } from '@hybridmatch/domain';
import { decimalTransformer } from '../column-types';
import { MatchRun } from './match-run.entity';
import { Organisation } from './organisation.entity';
import { Region } from './region.entity';
import { TeacherProfile } from './teacher-profile.entity';
import { TeachingRequest } from './teaching-request.entity';

/** Why the engine proposed this teacher: the score's parts and the next-best alternative. */
export interface ProposalExplanation {
  components?: Record<string, number>;
  nextBest?: { teacherId: string; score: number } | null;
  [key: string]: unknown;
}

/**
 * A proposed match of one hybrid teacher to (some lesson blocks of) one teaching request. Company,
 * school and region are copied from the teacher and the request when it is made, so every access
 * check and list filter is a plain column comparison. The lifecycle is the state machine in
 * libs/domain (proposal-state-machine.ts); `version` detects concurrent changes.
 */
@Entity('proposal')
@Index('ix_proposal_region_status', ['regionId', 'status'])
@Check('ck_proposal_minutes', '"minutes_per_week" > 0')
export class Proposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The match run that produced it (null for a cascade offer or a proposal made by hand). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  matchRunId: string | null;

  @ManyToOne(() => MatchRun, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'match_run_id' })
  matchRun?: MatchRun | null;

  @Index()
  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => TeachingRequest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id' })
  request?: TeachingRequest;

  @Index()
  @Column({ type: 'uuid' })
  teacherId: string;

  @ManyToOne(() => TeacherProfile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'teacher_id' })
  teacher?: TeacherProfile;

  @Index()
  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id' })
  company?: Organisation;

  @Index()
  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id' })
  school?: Organisation;

  @Column({ type: 'uuid' })
  regionId: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  /** The request's lesson blocks this teacher would teach. */
  @Column({ type: 'uuid', array: true })
  blockIds: string[];

  @Column({ type: 'integer' })
  minutesPerWeek: number;

  @Column({ type: 'numeric', precision: 12, scale: 4, transformer: decimalTransformer })
  score: number;

  /** Written once, read whole: `json`, not parsed into a tree (migration 1798800000000). */
  @Column({ type: 'json', default: () => "'{}'" })
  explanation: ProposalExplanation;

  @Column({
    type: 'enum',
    enum: ProposalStatus,
    enumName: 'proposal_status',
    default: ProposalStatus.Proposed,
  })
  status: ProposalStatus;

  @Column({
    type: 'enum',
    enum: ProposalAnswer,
    enumName: 'proposal_answer',
    default: ProposalAnswer.Pending,
  })
  companyAnswer: ProposalAnswer;

  @Column({
    type: 'enum',
    enum: ProposalAnswer,
    enumName: 'proposal_answer',
    default: ProposalAnswer.Pending,
  })
  teacherAnswer: ProposalAnswer;

  @Column({
    type: 'enum',
    enum: ProposalAnswer,
    enumName: 'proposal_answer',
    default: ProposalAnswer.Pending,
  })
  schoolAnswer: ProposalAnswer;

  /** After this instant an unanswered proposal expires. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
