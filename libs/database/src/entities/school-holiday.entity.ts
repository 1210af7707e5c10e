import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { HolidayBinding, HolidayRegion, SchoolHolidayKind } from '@hybridmatch/domain';
import { User } from './user.entity';

/**
 * One school holiday of one holiday region in one school year (DOMAIN.md rule 8): data, loaded
 * from `data/school-holidays.json` and edited by coordinators, never a constant in code.
 */
@Entity('school_holiday')
@Unique('uq_school_holiday', ['schoolYear', 'holidayRegion', 'kind'])
@Check('ck_school_holiday_period', '"end_date" >= "start_date"')
export class SchoolHoliday {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `2026-2027`. */
  @Column({ type: 'varchar', length: 9 })
  schoolYear: string;

  @Column({ type: 'enum', enum: HolidayRegion, enumName: 'holiday_region' })
  holidayRegion: HolidayRegion;

  @Column({ type: 'enum', enum: SchoolHolidayKind, enumName: 'school_holiday_kind' })
  kind: SchoolHolidayKind;

  /** Fixed by the state (summer, Christmas, May) or advisory (autumn, spring). */
  @Column({ type: 'enum', enum: HolidayBinding, enumName: 'holiday_binding' })
  binding: HolidayBinding;

  /** First and last day off, both included. */
  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  /** Where the dates come from (the official page, or "edited by …"). */
  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'updated_by_user_id' })
  updatedBy?: User | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
