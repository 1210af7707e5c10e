import { Injectable } from '@nestjs/common';
import { UserRole } from '@hybridmatch/domain';
import { AppException } from '../errors/app.exception';
import { Actor } from './actor';

/** What an organisation-owned record needs for an access decision. */
export interface OwnedByOrganisation {
  organisationId: string;
  regionId: string;
}

/**
 * The one place that decides who may see and change what. Services call it first; list queries
 * use `organisationScope` so a caller never even loads what is not theirs.
 *
 * - platform admin: everything;
 * - regional coordinator: whatever sits in one of their regions;
 * - company and school admins: their own organisation;
 * - hybrid teacher: their own profile (checked by the teacher service with `isSelf`).
 *
 * Records outside the caller's scope answer 404, so their existence does not leak.
 */
@Injectable()
export class AccessService {
  /** The filter a list query must apply: all, some regions, or one organisation. */
  organisationScope(
    actor: Actor,
  ):
    | { kind: 'all' }
    | { kind: 'regions'; regionIds: string[] }
    | { kind: 'organisation'; organisationId: string }
    | { kind: 'none' } {
    switch (actor.role) {
      case UserRole.PlatformAdmin:
        return { kind: 'all' };
      case UserRole.RegionalCoordinator:
        return { kind: 'regions', regionIds: actor.regionIds };
      case UserRole.CompanyAdmin:
      case UserRole.SchoolAdmin:
      case UserRole.HybridTeacher:
        return actor.organisationId
          ? { kind: 'organisation', organisationId: actor.organisationId }
          : { kind: 'none' };
    }
  }

  canSee(actor: Actor, record: OwnedByOrganisation): boolean {
    const scope = this.organisationScope(actor);
    switch (scope.kind) {
      case 'all':
        return true;
      case 'regions':
        return scope.regionIds.includes(record.regionId);
      case 'organisation':
        return scope.organisationId === record.organisationId;
      case 'none':
        return false;
    }
  }

  /** Throws 404 unless the actor may see the record. */
  assertCanSee(
    actor: Actor,
    record: OwnedByOrganisation | null,
    what: string,
    id: string,
  ): asserts record is OwnedByOrganisation {
    if (!record || !this.canSee(actor, record)) throw AppException.notFound(what, id);
  }

  /** Throws 404 (not theirs) or 403 (theirs to see, not to change) unless the actor may change it. */
  assertCanChange(
    actor: Actor,
    record: OwnedByOrganisation | null,
    what: string,
    id: string,
  ): asserts record is OwnedByOrganisation {
    this.assertCanSee(actor, record, what, id);
    if (actor.role === UserRole.HybridTeacher)
      throw AppException.forbidden(`A hybrid teacher cannot change this ${what.toLowerCase()}.`);
  }

  /** The region a coordinator acts in must be one of theirs (admins may act anywhere). */
  assertRegion(actor: Actor, regionId: string): void {
    if (actor.role === UserRole.PlatformAdmin) return;
    if (actor.role === UserRole.RegionalCoordinator && actor.regionIds.includes(regionId)) return;
    throw AppException.notFound('Region', regionId);
  }
}
