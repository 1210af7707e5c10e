import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { In, Repository } from 'typeorm';
import { CLOCK } from '@hybridmatch/config';
import { NATIONAL_SCOPE, ProgressSnapshot } from '@hybridmatch/database';
import { Clock, today } from '@hybridmatch/domain';
import { AccessService } from '../access/access.service';
import { Actor } from '../access/actor';
import { NotFoundError } from '../errors/domain-error';
import {
  figuresOf,
  ProgressBreakdownRow,
  ProgressFigures,
  ProgressReport,
  progressReport,
  weekStartOf,
} from './progress.figures';
import { ProgressRepository } from './progress.repository';

/** A report with names on its breakdown rows and its scope. */
export interface NamedProgressReport extends Omit<
  ProgressReport,
  'byRegion' | 'bySubject' | 'byCompany' | 'bySchool'
> {
  scope: 'national' | 'regions';
  byRegion: (ProgressBreakdownRow & { name: string })[];
  bySubject: (ProgressBreakdownRow & { name: string })[];
  byCompany: (ProgressBreakdownRow & { name: string })[];
  bySchool: (ProgressBreakdownRow & { name: string })[];
}

/** One weekly snapshot of a scope. */
export interface ProgressTrendPoint {
  weekStart: string;
  scopeKey: string;
  figures: ProgressFigures;
  takenAt: Date;
}

/** The figure columns, in the order of the CSV export. */
const FIGURE_COLUMNS = [
  'teachersOffered',
  'teachersProposed',
  'teachersPlaced',
  'teachersActiveThisWeek',
  'hoursPerWeekPlaced',
  'hoursTaught',
  'requestsOpen',
  'requestsPartiallyFilled',
  'requestsFilled',
  'openHoursPerWeek',
] as const;

/**
 * Progress toward the 1,000: the platform admin sees the country, a coordinator their regions
 * (asking for another region answers 404, as everywhere). Figures come from the rows of the scope
 * (`ProgressRepository`) added up by pure code (`progress.figures.ts`); "today" from the clock.
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly rows: ProgressRepository,
    private readonly access: AccessService,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectRepository(ProgressSnapshot) private readonly snapshots: Repository<ProgressSnapshot>,
  ) {}

  async report(actor: Actor, regionId?: string): Promise<NamedProgressReport> {
    const regionIds = this.scope(actor, regionId);
    const day = today(this.clock);
    const report = progressReport(await this.rows.rows(regionIds, day), day);
    const names = await this.rows.names([
      ...report.byRegion.map((r) => r.key),
      ...report.byCompany.map((r) => r.key),
      ...report.bySchool.map((r) => r.key),
    ]);
    const named = (rows: ProgressBreakdownRow[]) =>
      rows.map((row) => ({ ...row, name: names.get(row.key) ?? row.key }));
    return {
      ...report,
      scope: regionIds === null ? 'national' : 'regions',
      byRegion: named(report.byRegion),
      bySubject: named(report.bySubject),
      byCompany: named(report.byCompany),
      bySchool: named(report.bySchool),
    };
  }

  /**
   * The report as CSV (one line per region, subject, company and school, then demand and supply).
   * A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
   * `'`, so a spreadsheet never runs it as a formula.
   */
  async csv(actor: Actor, regionId?: string): Promise<string> {
    const report = await this.report(actor, regionId);
    const records: (string | number)[][] = [
      [
        'section',
        'key',
        'name',
        ...FIGURE_COLUMNS,
        'demandHoursPerWeek',
        'supplyHoursPerWeek',
        'balanceHoursPerWeek',
      ],
      ['total', report.scope, report.scope, ...FIGURE_COLUMNS.map((c) => report.total[c]), '', '', ''],
    ];
    for (const [section, rows] of [
      ['region', report.byRegion],
      ['subject', report.bySubject],
      ['company', report.byCompany],
      ['school', report.bySchool],
    ] as const)
      for (const row of rows)
        records.push([section, row.key, row.name, ...FIGURE_COLUMNS.map((c) => row[c]), '', '', '']);
    for (const d of report.demandSupply)
      records.push([
        'demand_supply',
        `${d.subjectCode}/${d.level}`,
        `${d.subjectCode} ${d.level}`,
        ...FIGURE_COLUMNS.map(() => ''),
        d.demandHoursPerWeek,
        d.supplyHoursPerWeek,
        d.balanceHoursPerWeek,
      ]);
    return stringify(records, { cast: { string: neutraliseFormula } });
  }

  /** The weekly snapshots of the scope, oldest first. */
  async trend(actor: Actor, regionId?: string): Promise<ProgressTrendPoint[]> {
    const regionIds = this.scope(actor, regionId);
    const keys = regionIds === null ? [NATIONAL_SCOPE] : regionIds;
    const rows = await this.snapshots.find({
      where: { scopeKey: In(keys) },
      order: { weekStart: 'ASC', scopeKey: 'ASC' },
    });
    return rows.map((row) => ({
      weekStart: row.weekStart,
      scopeKey: row.scopeKey,
      figures: row.figures as unknown as ProgressFigures,
      takenAt: row.takenAt,
    }));
  }

  /**
   * Writes this week's snapshot, national and per region (the `snapshot-progress` job). An upsert
   * per week and scope: running it twice in a week keeps one row per scope, with the latest figures.
   */
  async snapshot(): Promise<number> {
    const day = today(this.clock);
    const weekStart = weekStartOf(day);
    const rows = await this.rows.rows(null, day);
    const regionIds = await this.rows.regionIds();
    const values = [
      { scopeKey: NATIONAL_SCOPE, regionId: null, figures: figuresOf(rows, day) },
      ...regionIds.map((regionId) => ({
        scopeKey: regionId,
        regionId,
        figures: figuresOf(
          {
            teachers: rows.teachers.filter((r) => r.regionId === regionId),
            proposals: rows.proposals.filter((r) => r.regionId === regionId),
            placements: rows.placements.filter((r) => r.regionId === regionId),
            requests: rows.requests.filter((r) => r.regionId === regionId),
          },
          day,
        ),
      })),
    ];
    await this.snapshots.upsert(
      values.map((v) => ({
        ...v,
        weekStart,
        figures: v.figures as unknown as Record<string, number>,
        takenAt: this.clock.now(),
      })),
      ['weekStart', 'scopeKey'],
    );
    return values.length;
  }

  /** null: the whole country (platform admin without a filter); otherwise the regions to add up. */
  private scope(actor: Actor, regionId: string | undefined): string[] | null {
    const scope = this.access.organisationScope(actor);
    if (scope.kind === 'all') return regionId ? [regionId] : null;
    const own = scope.kind === 'regions' ? scope.regionIds : [];
    if (regionId === undefined) return own;
    if (!own.includes(regionId)) throw new NotFoundError('Region', regionId);
    return [regionId];
  }
}

/** Prefixes a cell a spreadsheet would read as a formula with an apostrophe. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
