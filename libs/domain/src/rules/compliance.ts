import { addDays } from '../schedule/amsterdam-time';
import { pdgDeadline, vogValidUntil } from './rule-book';

/**
 * The daily compliance sweep's rules (docs/RULES.md): warn ahead, so the company can act before a
 * rule of the rule book starts to bite. Pure; the lead times are product decisions.
 */

/** Days ahead the sweep warns that a VOG becomes too old to start a next placement on. */
export const VOG_WARNING_DAYS = 30;
/** Days ahead it warns of a PDG 2-year deadline that falls inside a placement. */
export const PDG_WARNING_DAYS = 90;

export interface ComplianceTeacher {
  vogIssuedOn: string | null;
  availableUntil: string | null;
  /** For a PDG in progress: when it started; null otherwise. */
  pdgSince: string | null;
  /** The teacher's active placements. */
  placements: ReadonlyArray<{ id: string; startDate: string; endDate: string }>;
}

export type ComplianceDue =
  /** From `dueOn` on, the VOG is more than 6 months old: no next placement may start on it. */
  | { kind: 'vog_expiring'; dueOn: string; placementId: null }
  /** `dueOn` is the PDG deadline, and `placementId` runs on after it. */
  | { kind: 'pdg_deadline'; dueOn: string; placementId: string };

/**
 * What to warn of on `today`: a VOG whose last valid start day falls within VOG_WARNING_DAYS while
 * the teacher stays available after it; a PDG deadline within PDG_WARNING_DAYS that falls inside
 * one of the teacher's placements (it starts on or before the deadline and ends after it).
 */
export function complianceWarnings(teacher: ComplianceTeacher, today: string): ComplianceDue[] {
  const out: ComplianceDue[] = [];
  const lastStart = vogValidUntil(teacher.vogIssuedOn);
  if (
    lastStart !== null &&
    lastStart >= today &&
    lastStart <= addDays(today, VOG_WARNING_DAYS) &&
    (teacher.availableUntil === null || teacher.availableUntil > lastStart)
  )
    out.push({ kind: 'vog_expiring', dueOn: addDays(lastStart, 1), placementId: null });
  const deadline = pdgDeadline(teacher.pdgSince);
  if (deadline !== null && deadline >= today && deadline <= addDays(today, PDG_WARNING_DAYS)) {
    const inside = teacher.placements.find((p) => p.startDate <= deadline && deadline < p.endDate);
    if (inside) out.push({ kind: 'pdg_deadline', dueOn: deadline, placementId: inside.id });
  }
  return out;
}
