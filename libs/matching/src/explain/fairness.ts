import { MatchRequest, MatchTeacher, ProposedMatch } from '../region/region.types';

/** How much of one company's offered teaching time a run used. */
export interface CompanyShare {
  companyId: string;
  /** Teachers of the company the run considered. */
  teachers: number;
  /** Released teaching minutes per week of those teachers (the capacity the company offers). */
  offeredMinutes: number;
  /** Minutes per week already promised before the run (placements and open proposals). */
  committedMinutes: number;
  /** Minutes per week the run proposed. */
  proposedMinutes: number;
  /** (committed + proposed) / offered: the share of the offered capacity in use after the run. */
  share: number;
  /** proposed / (offered − committed): the share of the capacity still free that the run used. */
  runShare: number;
}

/** Fairness between companies within one run (see docs/MATCHING.md, "Fair across companies"). */
export interface CompanyFairness {
  /** Per company, largest share first. */
  companies: CompanyShare[];
  minShare: number;
  maxShare: number;
  /** maxShare − minShare. */
  spread: number;
  /** Jain's index over the companies' shares: 1 = all equal, 1/n = one company carries everything. */
  jainIndex: number;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Measures how evenly a run spread work over the companies that offer teachers: per company the
 * share of its offered capacity (released minutes per week) in use after the run, and over all
 * companies with capacity the spread and Jain's fairness index of those shares.
 */
export function companyFairness(
  teachers: readonly MatchTeacher[],
  requests: readonly MatchRequest[],
  matches: readonly ProposedMatch[],
): CompanyFairness {
  const minutesOf = new Map<string, number>();
  for (const request of requests)
    for (const block of request.blocks) minutesOf.set(block.id, block.end - block.start);
  const proposedOf = new Map<string, number>();
  for (const match of matches)
    proposedOf.set(
      match.teacherId,
      (proposedOf.get(match.teacherId) ?? 0) +
        match.blockIds.reduce((sum, id) => sum + (minutesOf.get(id) ?? 0), 0),
    );
  const byCompany = new Map<string, CompanyShare>();
  for (const teacher of teachers) {
    const row = byCompany.get(teacher.companyId) ?? {
      companyId: teacher.companyId,
      teachers: 0,
      offeredMinutes: 0,
      committedMinutes: 0,
      proposedMinutes: 0,
      share: 0,
      runShare: 0,
    };
    row.teachers++;
    row.offeredMinutes += teacher.releasedMinutesPerWeek;
    row.committedMinutes += (teacher.committed ?? []).reduce((sum, slot) => sum + slot.end - slot.start, 0);
    row.proposedMinutes += proposedOf.get(teacher.id) ?? 0;
    byCompany.set(teacher.companyId, row);
  }
  const companies = [...byCompany.values()].filter((row) => row.offeredMinutes > 0);
  for (const row of companies) {
    row.share = round4(Math.min(1, (row.committedMinutes + row.proposedMinutes) / row.offeredMinutes));
    const free = row.offeredMinutes - row.committedMinutes;
    row.runShare = free > 0 ? round4(Math.min(1, row.proposedMinutes / free)) : 0;
  }
  companies.sort((a, b) => b.share - a.share || a.companyId.localeCompare(b.companyId));
  const shares = companies.map((row) => row.share);
  const sum = shares.reduce((s, x) => s + x, 0);
  const squares = shares.reduce((s, x) => s + x * x, 0);
  const minShare = shares.length > 0 ? Math.min(...shares) : 0;
  const maxShare = shares.length > 0 ? Math.max(...shares) : 0;
  return {
    companies,
    minShare,
    maxShare,
    spread: round4(maxShare - minShare),
    jainIndex: squares > 0 ? round4((sum * sum) / (shares.length * squares)) : 1,
  };
}
