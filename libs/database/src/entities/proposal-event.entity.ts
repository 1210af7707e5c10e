import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ProposalParty, ProposalStatus, UserRole } from '@hybridmatch/domain';
import { Proposal } from './proposal.entity';
import { User } from './user.entity';

/** What happened to a proposal: its creation, or one of the state machine's actions. */
export enum ProposalEventAction {
  Create = 'create',
  Accept = 'accept',
  Decline = 'decline',
  Approve = 'approve',
  Reject = 'reject',
  Withdraw = 'withdraw',
  Expire = 'expire',
  Cancel = 'cancel',
}

/** The audit trail: one row per transition, written in the same transaction as the transition. */
@Entity('proposal_event')
@Index('ix_proposal_event_proposal_created', ['proposalId', 'createdAt'])
export class ProposalEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: Proposal;

  /** Who did it; null when the system did (a match run, an expiry). */
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'actor_user_id' })
  actor?: User | null;

  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role', nullable: true })
  actorRole: UserRole | null;

  @Column({ type: 'enum', enum: ProposalEventAction, enumName: 'proposal_event_action' })
  action: ProposalEventAction;

  /** For answers: which party answered. */
  @Column({ type: 'enum', enum: ProposalParty, enumName: 'proposal_party', nullable: true })
  party: ProposalParty | null;

  @Column({ type: 'enum', enum: ProposalStatus, enumName: 'proposal_status', nullable: true })
  fromStatus: ProposalStatus | null;

  @Column({ type: 'enum', enum: ProposalStatus, enumName: 'proposal_status' })
  toStatus: ProposalStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
