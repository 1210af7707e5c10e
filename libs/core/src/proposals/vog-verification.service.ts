import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import { Placement, Proposal, TeacherProfile, VogVerification } from '@hybridmatch/database';
import {
  Clock,
  describeProposalState,
  ProposalStatus,
  today,
  VogCheckInput,
  vogCheckProblems,
  VogVerificationStatus,
} from '@hybridmatch/domain';
import { Actor } from '../access/actor';
import { AccessService, PartiesOfRecord } from '../access/access.service';
import { Permission } from '../access/permission';
import { InvalidStateTransitionError, ValidationError } from '../errors/domain-error';
import { stateOf } from './proposal.service';

/** The statuses of a proposal whose teacher is proposed or placed: the school may check the VOG. */
const CHECKABLE: readonly ProposalStatus[] = [
  ProposalStatus.Proposed,
  ProposalStatus.AwaitingApproval,
  ProposalStatus.Approved,
];

export interface VogCheck extends VogCheckInput {
  note?: string;
}

/** One school check of a VOG as every party of the proposal may read it. */
export interface VogVerificationView {
  id: string;
  proposalId: string;
  teacherId: string;
  status: VogVerificationStatus;
  issuedOn: string | null;
  /** The issue date the company had recorded on the profile when the school checked. */
  recordedIssuedOn: string | null;
  /** The school saw the date the company recorded (false when they differ or none was shown). */
  matchesRecordedDate: boolean;
  note: string;
  verifiedBy: { userId: string; name: string } | null;
  verifiedAt: Date;
}

/**
 * The school's VOG check of a proposed or placed teacher (DOMAIN.md rule 4). Only the school of the
 * proposal (or placement) records one; every party of it reads the history. A check is a new row:
 * it never changes the issue date the company recorded on the profile.
 */
@Injectable()
export class VogVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async recordForProposal(actor: Actor, proposalId: string, check: VogCheck): Promise<VogVerificationView> {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await manager.findOneBy(Proposal, { id: proposalId });
      await this.access.requireAccess(actor, Permission.VogVerifyAtSchool, proposal, {
        what: 'Proposal',
        id: proposalId,
      });
      return this.record(manager, actor, proposal!, check);
    });
  }

  async recordForPlacement(actor: Actor, placementId: string, check: VogCheck): Promise<VogVerificationView> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await manager.findOneBy(Placement, { id: placementId });
      await this.access.requireAccess(actor, Permission.VogVerifyAtSchool, placement, {
        what: 'Placement',
        id: placementId,
      });
      const proposal = await manager.findOneByOrFail(Proposal, { id: placement!.proposalId });
      return this.record(manager, actor, proposal, check);
    });
  }

  /** The checks of a proposal's teacher by its school, newest first. */
  async historyOfProposal(actor: Actor, proposalId: string): Promise<VogVerificationView[]> {
    const proposal = await this.dataSource.manager.findOneBy(Proposal, { id: proposalId });
    await this.access.requireAccess(actor, Permission.ProposalRead, proposal, {
      what: 'Proposal',
      id: proposalId,
    });
    return this.history(this.dataSource.manager, proposalId);
  }

  /** The checks of a placement's teacher by its school (those made while it was a proposal too), newest first. */
  async historyOfPlacement(actor: Actor, placementId: string): Promise<VogVerificationView[]> {
    const placement = await this.dataSource.manager.findOneBy(Placement, { id: placementId });
    await this.access.requireAccess(actor, Permission.PlacementRead, placement, {
      what: 'Placement',
      id: placementId,
    });
    return this.history(this.dataSource.manager, placement!.proposalId);
  }

  private async record(
    manager: EntityManager,
    actor: Actor,
    proposal: Proposal & PartiesOfRecord,
    check: VogCheck,
  ): Promise<VogVerificationView> {
    if (!CHECKABLE.includes(proposal.status)) {
      const state = describeProposalState(stateOf(proposal));
      throw new InvalidStateTransitionError(
        `This proposal ${state.en}; its teacher's VOG can no longer be checked.`,
        `Dit voorstel ${state.nl}; de VOG van de docent kan niet meer worden gecontroleerd.`,
      );
    }
    const problems = vogCheckProblems(check, today(this.clock));
    if (problems.length > 0) throw new ValidationError(problems);
    const teacher = await manager.findOneByOrFail(TeacherProfile, { id: proposal.teacherId });
    const saved = await manager.save(
      VogVerification,
      manager.create(VogVerification, {
        proposalId: proposal.id,
        teacherId: proposal.teacherId,
        schoolId: proposal.schoolId,
        status: check.status,
        issuedOn: check.issuedOn ?? null,
        recordedIssuedOn: teacher.vogIssuedOn,
        note: check.note ?? '',
        verifiedByUserId: actor.userId,
        verifiedAt: this.clock.now(),
      }),
    );
    const [view] = await this.history(manager, proposal.id, saved.id);
    return view;
  }

  private async history(
    manager: EntityManager,
    proposalId: string,
    id?: string,
  ): Promise<VogVerificationView[]> {
    const rows = await manager.find(VogVerification, {
      where: id ? { id } : { proposalId },
      relations: { verifiedBy: true },
      order: { verifiedAt: 'DESC', createdAt: 'DESC' },
    });
    return rows.map(toView);
  }
}

export function toView(row: VogVerification): VogVerificationView {
  return {
    id: row.id,
    proposalId: row.proposalId,
    teacherId: row.teacherId,
    status: row.status,
    issuedOn: row.issuedOn,
    recordedIssuedOn: row.recordedIssuedOn,
    matchesRecordedDate: row.issuedOn !== null && row.issuedOn === row.recordedIssuedOn,
    note: row.note,
    verifiedBy:
      row.verifiedByUserId && row.verifiedBy
        ? { userId: row.verifiedByUserId, name: row.verifiedBy.name }
        : null,
    verifiedAt: row.verifiedAt,
  };
}
