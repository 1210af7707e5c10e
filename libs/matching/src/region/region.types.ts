import { SkillCoverageKind } from '@hybridmatch/domain';

/**
 * Plain-data input and output of the region matching engine. Time: weekday 1..7 (ISO, Monday = 1),
 * clock times in minutes since midnight, dates as ISO `YYYY-MM-DD` strings, coordinates in degrees.
 */

export type EducationLevel = 'MBO1' | 'MBO2' | 'MBO3' | 'MBO4' | 'HBO';
export type Qualification = 'none' | 'pdg_in_progress' | 'pdg' | 'full';
export type SchoolKind = 'MBO' | 'HBO' | 'HTC';
export type RequestRole = 'guest_teacher' | 'instructor' | 'teacher';

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** A weekly time slot: weekday 1..7, start/end in minutes since midnight, start < end. */
export interface WeeklySlot {
  weekday: number;
  start: number;
  end: number;
}

export interface TeacherSkill {
  subjectCode: string;
  level: EducationLevel;
  /** 1 = basic, 2 = good, 3 = expert; defaults to 2. */
  proficiency?: 1 | 2 | 3;
}

/**
 * A slot the teacher already holds elsewhere (an approved placement or an open proposal): its hours,
 * days and same-day time are used on the dates it runs.
 */
export interface CommittedSlot extends WeeklySlot {
  schoolKind: SchoolKind;
  /** The level taught: MBO levels count toward the 6-hour rule at any school (default: MBO school = MBO). */
  level?: EducationLevel;
  /** The school taught at: an HBO school's didactic threshold counts the teacher's hours there. */
  schoolId?: string;
  /**
   * The first and last date it runs (inclusive). It counts for a request only when these meet the
   * dates the teacher would teach there, so a semester-1 placement never blocks semester 2.
   * Absent: it runs on every date.
   */
  from?: string;
  until?: string;
}

export interface MatchTeacher {
  id: string;
  companyId: string;
  skills: TeacherSkill[];
  /** Levels the teacher is willing to teach; empty means any level their skills cover. */
  levels: EducationLevel[];
  /** Weekly availability windows. */
  windows: WeeklySlot[];
  /** Distinct weekdays per week the company releases the teacher for teaching. */
  releasedDaysPerWeek: number;
  /** Teaching minutes per week the company releases. */
  releasedMinutesPerWeek: number;
  availableFrom: string;
  availableUntil: string | null;
  home: GeoPoint;
  maxTravelKm: number;
  /** Contract hours per week at the company. */
  contractHoursPerWeek: number;
  vogIssuedOn: string | null;
  qualification: Qualification;
  qualificationSince: string | null;
  /** Holds the PDC, which the instructor role needs (a PDG or full qualification also does). */
  hasPdc?: boolean;
  /** Meets HBO didactic requirements (BDB/BKE), needed above an HBO school's FTE threshold. */
  hasHboDidactic?: boolean;
  committed?: CommittedSlot[];
  previousSchoolIds?: string[];
  preferredSubjects?: string[];
}

export interface LessonBlock extends WeeklySlot {
  id: string;
}

export interface MatchRequest {
  id: string;
  schoolId: string;
  schoolKind: SchoolKind;
  subjectCode: string;
  level: EducationLevel;
  role: RequestRole;
  /** Weekly recurring lesson blocks; each needs one teacher. */
  blocks: LessonBlock[];
  periodStart: string;
  periodEnd: string;
  /** Minimum number of weeks a teacher must be available within the period. */
  minCommitmentWeeks: number;
  location: GeoPoint;
  /** May the blocks be split over a team of teachers? If false, one teacher takes all filled blocks. */
  allowTeam: boolean;
  /** May a teacher without a valid VOG be proposed (VOG to be delivered before starting)? */
  allowVogPending: boolean;
  /**
   * HBO school's FTE above which its didactic requirement applies (e.g. 0.3 = 12 h a week at that
   * school for a teacher without BDB/BKE; the rule book's HBO_DIDACTIC). Null or absent: none.
   */
  hboDidacticFteThreshold?: number | null;
}

/** Stable codes of the hard rules. */
export type RuleCode =
  | 'SKILL'
  | 'LEVEL'
  | 'WINDOW'
  | 'PERIOD'
  | 'DISTANCE'
  | 'VOG'
  | 'RELEASED_DAYS'
  | 'RELEASED_MINUTES'
  | 'SIX_HOUR_RULE'
  | 'PDG_DEADLINE'
  | 'INSTRUCTOR_PDC'
  | 'WORKING_HOURS'
  | 'SAME_DAY'
  | 'HBO_DIDACTIC'
  | 'EXCLUDED';

export interface RuleFailure {
  rule: RuleCode;
  message: string;
  /** Set when the failure concerns one lesson block only. */
  blockId?: string;
}

/** Names of the score components; each match reports its points per component. */
export type ScoreComponent =
  'fill' | 'skill' | 'travel' | 'coverage' | 'continuity' | 'preference' | 'fairness';

/**
 * Score weights in points. A pair's score is the sum over components of weight × value, where
 * every value lies in [0, 1] (fairness: see `fairnessPerBlock`). Points are rounded to integers
 * per component so every total is an exact integer.
 */
export interface ScoreWeights {
  /** Points for filling a block at all; large, so the optimum fills as many blocks as it can. */
  fill: number;
  /** Skill fit: proficiency / 3, times 0.8 when the skill is above the requested level. */
  skill: number;
  /** Travel: 1 - distance / maxTravelKm of the teacher. */
  travel: number;
  /** Coverage: share of the request's blocks this teacher is eligible for. */
  coverage: number;
  /** Continuity: 1 when the teacher taught at this school before. */
  continuity: number;
  /** Preference: 1 when the subject is among the teacher's preferred subjects. */
  preference: number;
  /** Static fairness: 1 - (teacher's committed share + company's committed share) / 2. */
  fairness: number;
  /**
   * Dynamic fairness: the k-th block (0-based, counting committed slots) a teacher receives costs
   * k × fairnessPerBlock points. Convex, so it is exact in the min-cost flow and spreads work.
   */
  fairnessPerBlock: number;
}

export interface EngineOptions {
  weights?: Partial<ScoreWeights>;
  /**
   * "Today" (`YYYY-MM-DD`, the injected clock's date). Time is real: a teacher starts on a request
   * no earlier than the first lesson day after today (the rule book's `placementStart`), the VOG
   * and the period are checked from that day and the minimum commitment is measured on what is
   * left (`neededDays`), as the rule book does at answer time and approval. Absent: every request
   * is seen from its period's start.
   */
  today?: string;
  /** Distance in km between two points; defaults to the great-circle (haversine) distance. */
  distanceKm?: (a: GeoPoint, b: GeoPoint) => number;
  /** Allow a skill above the requested level to count (default true; see docs/MATCHING.md). */
  allowHigherLevelSkill?: boolean;
  /** Teachers never to propose for a request (cascade after a decline). */
  exclude?: { requestId: string; teacherIds: string[] }[];
  /** Teachers never to propose at all. */
  excludeTeacherIds?: string[];
  /** Compute the per-match next-best alternative (default true). */
  explain?: boolean;
  /**
   * Points added to every pair of one teacher and one request, so the solve puts that teacher on
   * that request wherever it can (used by `regionCostOfForcing`, which takes the points off again).
   */
  forcePair?: { teacherId: string; requestId: string; bonus: number };
}

export interface NextBestAlternative {
  /** Best other eligible teacher for the block, or null when there is none. */
  teacherId: string | null;
  /** Score that teacher would have for this block (before the dynamic fairness term). */
  score: number | null;
  /** Score lost on this block if the alternative took it: this match's score - alternative's score. */
  scoreDifference: number | null;
  /** Is the alternative already busy at the same time in this solution (so it would need a swap)? */
  alternativeAlreadyUsed: boolean;
}

export interface ProposedMatch {
  teacherId: string;
  requestId: string;
  blockIds: string[];
  /** Total score of this match (sum over its blocks, dynamic fairness included). */
  score: number;
  /** Points per component, summed over the blocks; they add up to `score`. */
  components: Record<ScoreComponent, number>;
  distanceKm: number;
  /**
   * How the teacher's skill covers the requested subject: the subject itself, its broad field
   * (`field`) or a specialisation of the requested field (`specialist`); see skillCoverage.
   */
  skillMatch: SkillCoverageKind;
  /** Per block: the next best alternative teacher and what it would have cost. */
  alternatives: { blockId: string; alternative: NextBestAlternative }[];
}

export interface UnfilledBlock {
  requestId: string;
  blockId: string;
  /** Number of eligible teachers for the block (after exclusions). */
  eligibleTeachers: number;
  reason: string;
}

export interface PhaseTimings {
  eligibilityMs: number;
  graphMs: number;
  solveMs: number;
  sideRulesMs: number;
  certificateMs: number;
  explanationMs: number;
  totalMs: number;
}

export interface RegionCertificate {
  /** All flow solves proved optimal for their flow model (primal = dual, both feasible). */
  ok: boolean;
  /** Number of flow solves (1 + repair rounds). */
  flowSolves: number;
  /** Optimum of the first flow relaxation: an upper bound on any feasible solution's score. */
  upperBound: number;
  /** Score of the returned (feasible) solution. */
  score: number;
  /** (upperBound - score) / upperBound; 0 means the returned solution is proven optimal. */
  relativeGap: number;
  /** Pairs dropped or forbidden by the side-rule repair (their blocks are re-offered). */
  repairedAssignments: number;
  /** The greedy answer scored higher than the flow-and-repair answer and was returned instead. */
  usedGreedyFallback: boolean;
  message: string;
}

export interface RegionResult {
  matches: ProposedMatch[];
  unfilled: UnfilledBlock[];
  totals: {
    score: number;
    blocks: number;
    blocksFilled: number;
    fillRate: number;
    minutesFilled: number;
    eligiblePairs: number;
    teachersUsed: number;
  };
  certificate: RegionCertificate;
  timings: PhaseTimings;
}
