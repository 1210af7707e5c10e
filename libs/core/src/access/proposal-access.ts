import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOperator, In, Repository } from 'typeorm';
import { TeacherProfile } from '@hybridmatch/database';
import { ProposalParty, UserRole } from '@hybridmatch/domain';
import { AppException } from '../errors/app.exception';
import { AccessService } from './access.service';
import { Actor } from './actor';

/** The columns proposals and placements share for access decisions (copied from teacher and request). */
export interface PartiesOfRecord {
  teacherId: string;
  companyId: string;
  schoolId: string;
  regionId: string;
}

/** A list filter on those columns: `null` means the caller may see none. */
export type PartiesFilter = Partial<Record<keyof PartiesOfRecord, string | FindOperator<string>>> | null;

/**
 * Who may see and act on a proposal or placement, on top of the shared AccessService:
 * a proposal has two organisations (company and school) and one teacher, so "own" depends on the
 * role. Platform admin: all; coordinator: their regions; company admin: their company's; school
 * admin: their school's; hybrid teacher: only their own (through their profile's login).
 * Anything else answers 404.
 */
@Injectable()
export class ProposalAccess {
  constructor(
    private readonly access: AccessService,
    @InjectRepository(TeacherProfile) private readonly teachers: Repository<TeacherProfile>,
  ) {}

  /** The filter a list query must apply. */
  async filter(actor: Actor): Promise<PartiesFilter> {
    if (actor.role === UserRole.HybridTeacher) {
      const teacherId = await this.ownTeacherId(actor);
      return teacherId ? { teacherId } : null;
    }
    const scope = this.access.organisationScope(actor);
    switch (scope.kind) {
      case 'all':
        return {};
      case 'regions':
        return { regionId: In(scope.regionIds) };
      case 'organisation':
        return actor.role === UserRole.SchoolAdmin
          ? { schoolId: scope.organisationId }
          : { companyId: scope.organisationId };
      case 'none':
        return null;
    }
  }

  /** Throws 404 unless the actor may see the record. */
  async assertCanSee(actor: Actor, record: PartiesOfRecord | null, what: string, id: string): Promise<void> {
    if (!record || !(await this.canSee(actor, record))) throw AppException.notFound(what, id);
  }

  /** The party the caller answers for (from their role), after checking the proposal is theirs. */
  async answeringParty(actor: Actor, record: PartiesOfRecord, id: string): Promise<ProposalParty> {
    await this.assertCanSee(actor, record, 'Proposal', id);
    switch (actor.role) {
      case UserRole.CompanyAdmin:
        return ProposalParty.Company;
      case UserRole.SchoolAdmin:
        return ProposalParty.School;
      case UserRole.HybridTeacher:
        return ProposalParty.Teacher;
      default:
        throw AppException.forbidden(
          'Only the company, the teacher and the school answer a proposal; the coordinator approves or rejects it.',
        );
    }
  }

  /** Coordinator decisions: the platform admin, or a coordinator of the record's region (else 404). */
  assertCoordinates(actor: Actor, record: PartiesOfRecord | null, what: string, id: string): void {
    if (!record) throw AppException.notFound(what, id);
    if (actor.role !== UserRole.PlatformAdmin && actor.role !== UserRole.RegionalCoordinator) {
      throw AppException.forbidden(`Only the regional coordinator decides on a ${what.toLowerCase()}.`);
    }
    if (!this.access.canSee(actor, { organisationId: record.schoolId, regionId: record.regionId }))
      throw AppException.notFound(what, id);
  }

  private async canSee(actor: Actor, record: PartiesOfRecord): Promise<boolean> {
    switch (actor.role) {
      case UserRole.HybridTeacher:
        return (await this.ownTeacherId(actor)) === record.teacherId;
      case UserRole.SchoolAdmin:
        return this.access.canSee(actor, { organisationId: record.schoolId, regionId: record.regionId });
      default:
        return this.access.canSee(actor, { organisationId: record.companyId, regionId: record.regionId });
    }
  }

  private async ownTeacherId(actor: Actor): Promise<string | null> {
    const teacher = await this.teachers.findOne({ where: { userId: actor.userId }, select: { id: true } });
    return teacher?.id ?? null;
  }
}
