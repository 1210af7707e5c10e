import { Injectable } from '@nestjs/common';
import { AccessService, Actor, MatchRunRepository, Permission } from '@hybridmatch/core';
import { RegionShortageDto } from './shortage-signal.dto';

/**
 * Shortage signals, computed by the worker's `shortage-signals` job after every match run
 * (`match_run.shortage`): per region those of its latest run that has them. Coordinators read their regions; a company admin reads their company's
 * region, with only their own staff among the staff signals.
 */
@Injectable()
export class ShortageSignalService {
  constructor(
    private readonly runs: MatchRunRepository,
    private readonly access: AccessService,
  ) {}

  async list(actor: Actor, regionId?: string): Promise<RegionShortageDto[]> {
    if (regionId)
      await this.access.requireAccess(
        actor,
        Permission.ShortageRead,
        { regionId },
        { what: 'Region', id: regionId },
      );
    const rows = await this.runs.latestShortage(
      regionId ? [regionId] : await this.access.shortageRegions(actor),
    );
    // A company admin sees their own staff only (none without a company); coordinators see all.
    const scope = this.access.organisationScope(actor);
    const ownCompany =
      scope.kind === 'organisation' ? scope.organisationId : scope.kind === 'none' ? null : undefined;
    return rows.map(({ matchRunId, regionId: region, finishedAt, shortage }) => ({
      regionId: region,
      matchRunId,
      computedAt: shortage.computedAt ? new Date(shortage.computedAt) : finishedAt,
      baseline: shortage.baseline,
      profiles: shortage.profiles,
      staff:
        ownCompany === undefined
          ? shortage.staff
          : shortage.staff.filter((signal) => signal.companyId === ownCompany),
      solves: shortage.solves,
      notTried: shortage.notTried ?? 0,
      ms: shortage.ms,
    }));
  }
}
