import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { RuleViolation } from '@hybridmatch/domain';
import { Placement } from './placement.entity';
import { Proposal } from './proposal.entity';

/** What changed when a flag was raised. */
export enum RuleFlagCause {
  TeacherChanged = 'teacher_changed',
  RequestChanged = 'request_changed',
}

/** How a flag ended. */
export enum RuleFlagResolution {
  /** A later change made the proposal or placement pass every rule again. */
  Passes = 'passes',
  /** The proposal was withdrawn, declined, rejected or expired, or the placement cancelled. */
  Closed = 'closed',
}

/**
 * "Needs attention": an open proposal or an approved placement that a change to the teacher's
 * profile or to the request broke (docs/RULES.md, re-checks). One open flag per proposal (a
 * placement's flag carries its proposal); while it is open, answering and approving are refused
 * with 409 RULES_BROKEN naming `ruleCodes`. Rows are kept after resolution, as history.
 */
@Entity('rule_flag')
@Index('uq_rule_flag_open', ['proposalId'], { unique: true, where: '"resolved_at" IS NULL' })
export class RuleFlag {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: Proposal;

  /** Set when the flagged thing is the approved placement of the proposal. */
  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @ManyToOne(() => Placement, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'placement_id' })
  placement?: Placement | null;

  /** The proposal's region, company and school: the flag lists are scoped by them. */
  @Index('ix_rule_flag_region')
  @Column({ type: 'uuid' })
  regionId: string;

  @Index('ix_rule_flag_company')
  @Column({ type: 'uuid' })
  companyId: string;

  @Index('ix_rule_flag_school')
  @Column({ type: 'uuid' })
  schoolId: string;

  /** The failing rules' codes (the rule book's `RuleCode`), in the rule book's order. */
  @Column({ type: 'varchar', length: 30, array: true })
  ruleCodes: string[];

  /** The failing rules with their Dutch and English sentences, as the rule book gave them. */
  @Column({ type: 'jsonb' })
  violations: RuleViolation[];

  @Column({ type: 'varchar', length: 20 })
  cause: RuleFlagCause;

  /** When the product's clock raised it, and when the failing rules last changed. */
  @Column({ type: 'timestamptz' })
  raisedAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  resolution: RuleFlagResolution | null;
}
