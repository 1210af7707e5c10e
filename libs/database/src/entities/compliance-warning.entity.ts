import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TeacherProfile } from './teacher-profile.entity';

export enum ComplianceWarningKind {
  /** The teacher's VOG will be more than 6 months old for a next placement from `dueOn` on. */
  VogExpiring = 'vog_expiring',
  /** The teacher's PDG 2-year deadline (`dueOn`) falls inside an approved placement. */
  PdgDeadline = 'pdg_deadline',
}

/**
 * A warning of the daily compliance sweep (docs/RULES.md): first written here, then told to the
 * teacher's company and the coordinators of its region, once. The unique key (kind, teacher, due
 * date) is what makes the sweep idempotent: a warning already written is never sent again.
 */
@Entity('compliance_warning')
@Unique('uq_compliance_warning', ['kind', 'teacherId', 'dueOn'])
export class ComplianceWarning {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ComplianceWarningKind;

  @Column({ type: 'uuid' })
  teacherId: string;

  @ManyToOne(() => TeacherProfile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'teacher_id' })
  teacher?: TeacherProfile;

  @Index('ix_compliance_warning_company')
  @Column({ type: 'uuid' })
  companyId: string;

  @Index('ix_compliance_warning_region')
  @Column({ type: 'uuid' })
  regionId: string;

  /** The day the VOG becomes too old to start on, or the PDG deadline. */
  @Column({ type: 'date' })
  dueOn: string;

  /** For a PDG deadline: the placement it falls inside. */
  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  /** The sweep's day (the product's clock) that found it. */
  @Column({ type: 'date' })
  detectedOn: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
