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
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { EducationLevel, Qualification } from '@hybridmatch/domain';
import { decimalTransformer } from '../column-types';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';
import { TeacherAvailabilityWindow } from './teacher-availability-window.entity';

export interface TeacherSkill {
  subjectCode: string;
  level: EducationLevel;
}

/**
 * A hybrid teacher offered by a company. The person stays employed by the company; the profile
 * holds what matching needs: skills, levels, weekly windows, released days and hours, the period,
 * where they live and how far they travel, contract hours (Working Hours Act) and compliance
 * (VOG: only status, issue date and who verified it; never the document).
 */
@Entity('teacher_profile')
@Unique('uq_teacher_profile_company_employee_ref', ['companyId', 'employeeRef'])
@Check('ck_teacher_profile_released_days', '"released_days_per_week" BETWEEN 0 AND 7')
@Check(
  'ck_teacher_profile_released_hours',
  '"released_hours_per_week" >= 0 AND "released_hours_per_week" <= 60',
)
@Check(
  'ck_teacher_profile_contract_hours',
  '"contract_hours_per_week" >= 0 AND "contract_hours_per_week" <= 60',
)
@Check('ck_teacher_profile_period', '"available_until" IS NULL OR "available_until" >= "available_from"')
@Check('ck_teacher_profile_travel', '"max_travel_km" BETWEEN 0 AND 300')
@Check(
  'ck_teacher_profile_qualification_since',
  `"qualification" <> 'pdg_in_progress' OR "qualification_since" IS NOT NULL`,
)
export class TeacherProfile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id' })
  company?: Organisation;

  /** The login of the teacher, when they have one. */
  @Index({ unique: true, where: 'user_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @OneToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id' })
  user?: User | null;

  /** The company's own reference (employee number); unique per company, used by CSV import. */
  @Column({ type: 'varchar', length: 64 })
  employeeRef: string;

  @Column({ type: 'varchar', length: 100 })
  firstName: string;

  @Column({ type: 'varchar', length: 100 })
  lastName: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Index('ix_teacher_profile_skills', { synchronize: false })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  skills: TeacherSkill[];

  @Column({ type: 'enum', enum: EducationLevel, enumName: 'education_level', array: true })
  levels: EducationLevel[];

  @Column({ type: 'smallint' })
  releasedDaysPerWeek: number;

  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: decimalTransformer })
  releasedHoursPerWeek: number;

  @Column({ type: 'date' })
  availableFrom: string;

  @Column({ type: 'date', nullable: true })
  availableUntil: string | null;

  @Column({ type: 'varchar', length: 120 })
  homeCity: string;

  @Column({ type: 'double precision' })
  homeLatitude: number;

  @Column({ type: 'double precision' })
  homeLongitude: number;

  @Column({ type: 'smallint' })
  maxTravelKm: number;

  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: decimalTransformer })
  contractHoursPerWeek: number;

  @Column({ type: 'date', nullable: true })
  vogIssuedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  vogVerifiedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'vog_verified_by_user_id' })
  vogVerifiedBy?: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  vogVerifiedAt: Date | null;

  @Column({ type: 'enum', enum: Qualification, enumName: 'qualification', default: Qualification.None })
  qualification: Qualification;

  /** For `pdg_in_progress`: the date the PDG programme started (the 2-year clock). */
  @Column({ type: 'date', nullable: true })
  qualificationSince: string | null;

  /** Holds the PDC (pedagogisch-didactisch certificaat): the instructor role needs it (docs/RULES.md). */
  @Column({ type: 'boolean', default: false })
  hasPdc: boolean;

  /** Meets HBO didactic requirements (BDB/BKE): needed above an HBO school's FTE threshold. */
  @Column({ type: 'boolean', default: false })
  hasHboDidactic: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @OneToMany(() => TeacherAvailabilityWindow, (window) => window.teacher, { cascade: ['insert'] })
  windows?: TeacherAvailabilityWindow[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
