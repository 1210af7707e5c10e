import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserRole } from '@hybridmatch/domain';
import { Organisation } from './organisation.entity';
import { Region } from './region.entity';

/**
 * A person who logs in. Company and school admins and hybrid teachers belong to an organisation;
 * a regional coordinator to one or more regions; the platform admin to neither.
 */
@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-case; unique. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role' })
  role: UserRole;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation | null;

  @ManyToMany(() => Region)
  @JoinTable({
    name: 'user_region',
    joinColumn: { name: 'user_id' },
    inverseJoinColumn: { name: 'region_id' },
  })
  regions?: Region[];

  /** argon2id hash; null until an invited user has chosen a password. */
  @Column({ type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash: string | null;

  /** SHA-256 of the single-use invite token; the token itself is never stored. */
  @Index({ unique: true, where: 'invite_token_hash IS NOT NULL' })
  @Column({ type: 'varchar', length: 64, nullable: true, select: false })
  inviteTokenHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  inviteExpiresAt: Date | null;

  /** SHA-256 of the single-use password-reset token; the token itself is never stored. */
  @Index({ unique: true, where: 'password_reset_token_hash IS NOT NULL' })
  @Column({ type: 'varchar', length: 64, nullable: true, select: false })
  passwordResetTokenHash: string | null;

  @Column({ type: 'timestamptz', nullable: true, select: false })
  passwordResetExpiresAt: Date | null;

  /**
   * Carried in every access token (`ver`); raising it ("sign out everywhere", deactivation, a
   * password reset) makes every token issued before stop working at once.
   */
  @Column({ type: 'integer', default: 0 })
  authVersion: number;

  /** Set while the account is deactivated: no login, no refresh, no token accepted. */
  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
