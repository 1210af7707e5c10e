import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from './user.entity';

/**
 * One refresh token of a sign-in (a "family"). Refreshing uses the token up and issues the next
 * one of the same family, which ends when the sign-in does (`expires_at`, a working day after the
 * login). Presenting a used token again means it was copied: the whole family is revoked.
 * Only the SHA-256 of a token is stored.
 */
@Entity('refresh_token')
@Index('ix_refresh_token_user', ['userId'])
@Index('ix_refresh_token_family', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** Every token of one sign-in shares the family id. */
  @Column({ type: 'uuid' })
  familyId: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** The end of the sign-in: the same for every token of the family. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** When it was exchanged for the next token; a second use revokes the family. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
