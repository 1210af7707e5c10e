import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity';
import { PlacementSlot } from './placement-slot.entity';
import { Proposal } from './proposal.entity';
import { Region } from './region.entity';
import { TeacherProfile } from './teacher-profile.entity';
import { TeachingRequest } from './teaching-request.entity';
import { User } from './user.entity';

export enum PlacementStatus {
  Active = 'active',
  Cancelled = 'cancelled',
}

/**
 * An approved proposal: the teacher teaches these blocks of the request from `startDate` to
 * `endDate` at the agreed hourly rate, supervised by a named werkplekbegeleider at the school.
 * Its slots (one per lesson block) carry the database's no-overlap guarantee.
 */
@Entity('placement')
@Index('ix_placement_teacher_status', ['teacherId', 'status'])
@Check('ck_placement_rate', '"hourly_rate_cents" > 0')
@Check('ck_placement_minutes', '"minutes_per_week" > 0')
@Check('ck_placement_period', '"end_date" >= "start_date"')
export class Placement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** One placement per proposal (the one-to-one relation makes it unique). */
  @Column({ type: 'uuid' })
  proposalId: string;

  @OneToOne(() => Proposal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: Proposal;

  @Column({ type: 'uuid' })
  teacherId: string;

  @ManyToOne(() => TeacherProfile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'teacher_id' })
  teacher?: TeacherProfile;

  @Index()
  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => TeachingRequest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id' })
  request?: TeachingRequest;

  @Index()
  @Column({ type: 'uuid' })
  schoolId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'school_id' })
  school?: Organisation;

  @Index()
  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id' })
  company?: Organisation;

  @Index()
  @Column({ type: 'uuid' })
  regionId: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id' })
  region?: Region;

  @Column({ type: 'uuid', array: true })
  blockIds: string[];

  @Column({ type: 'integer' })
  minutesPerWeek: number;

  /** The agreed hourly rate in euro cents (DOMAIN.md rule 10). */
  @Column({ type: 'integer' })
  hourlyRateCents: number;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  /** The werkplekbegeleider at the school (DOMAIN.md rule 11). */
  @Column({ type: 'varchar', length: 200 })
  supervisorName: string;

  @Column({ type: 'varchar', length: 254 })
  supervisorEmail: string;

  @Column({
    type: 'enum',
    enum: PlacementStatus,
    enumName: 'placement_status',
    default: PlacementStatus.Active,
  })
  status: PlacementStatus;

  @Column({ type: 'uuid', nullable: true })
  approvedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'approved_by_user_id' })
  approvedBy?: User | null;

  @Column({ type: 'timestamptz' })
  approvedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelledReason: string | null;

  @OneToMany(() => PlacementSlot, (slot) => slot.placement)
  slots?: PlacementSlot[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
