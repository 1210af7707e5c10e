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
import { InstitutionDayOffKind } from '@hybridmatch/domain';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

/** A school's own days without lessons: closed days and study days (both ends included). */
@Entity('institution_day_off')
@Index('ix_institution_day_off_period', ['organisationId', 'startDate', 'endDate'])
@Check('ck_institution_day_off_period', '"end_date" >= "start_date"')
export class InstitutionDayOff {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ type: 'enum', enum: InstitutionDayOffKind, enumName: 'institution_day_off_kind' })
  kind: InstitutionDayOffKind;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'varchar', length: 200 })
  description: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_user_id' })
  createdBy?: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
