import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Organisation } from './organisation.entity';

/** An organisation's own reminder lead time; without a row the default (24 h) applies. */
@Entity('reminder_setting')
@Check('ck_reminder_setting_lead', '"lead_minutes" BETWEEN 15 AND 10080')
export class ReminderSetting {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @OneToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** How long before a lesson its reminder goes out. */
  @Column({ type: 'integer' })
  leadMinutes: number;
}
