import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { UserRole } from '@hybridmatch/domain';
import { Organisation } from './organisation.entity';
import { TeacherProfile } from './teacher-profile.entity';

/**
 * An organisation's invite of an address that already has an account the inviter may not know of
 * (one of another organisation: issue 9, item 12). No account is created (addresses are unique)
 * and no link is ever sent; the account's owner is told instead. Seen from the inviting
 * organisation it is a pending invite like any other: listed among its users, invited again
 * answers 409, resent, reissued, deactivated, and it expires. Whoever may see the account itself
 * (the platform admin) sees the account instead (`AccessService.seesPendingInvite`).
 */
@Entity('pending_invite')
@Unique('uq_pending_invite_organisation_email', ['organisationId', 'email'])
@Index('ux_pending_invite_teacher_profile', ['teacherProfileId'], {
  unique: true,
  where: '"teacher_profile_id" IS NOT NULL',
})
export class PendingInvite {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The inviting organisation. */
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** Stored lower-case: the address of an account outside the inviting organisation. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role' })
  role: UserRole;

  /** The teacher profile the invite was for (a staff invite), as a login links it. */
  @Column({ type: 'uuid', nullable: true })
  teacherProfileId: string | null;

  @ManyToOne(() => TeacherProfile, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'teacher_profile_id' })
  teacherProfile?: TeacherProfile | null;

  /** Until when the invite counts as valid: 7 days, as an invite link; a reissue starts again. */
  @Column({ type: 'timestamptz' })
  inviteExpiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
