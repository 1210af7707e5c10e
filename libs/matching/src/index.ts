/**
 * @hybridmatch/matching — the matching engine. Pure TypeScript: no framework, ORM or I/O.
 * See docs/MATCHING.md for the model, the rules and what is proven optimal.
 *
 * Region matching (plain data in, plain data out):
 *   solveRegion(teachers: MatchTeacher[], requests: MatchRequest[], options?: EngineOptions): RegionResult
 *   greedyBaseline(teachers, requests, options?): RegionResult            // comparison baseline
 *   checkEligibility(teacher, request, block?, options?): EligibilityReport // "why not this teacher"
 *   regionLossIfForbidden(teachers, requests, teacherId, requestId, options?) // exact regional cost of a veto
 *   regionCostOfForcing(teachers, requests, teacherId, requestId, options?)   // regional cost of forcing a teacher in
 *   solveRegionExact(teachers, requests, await loadMipSolver(), options?)   // proven optimum with side rules (MIP)
 *   explainUnfilled(teachers, requests, matches, options?)                 // why each open block stayed open
 *   shortageSignals(teachers, requests, options?)                          // which extra teacher/day fills most (re-solved)
 *   companyFairness(teachers, requests, matches)                           // each company's share of offered capacity used
 *   proposalAlternatives(teachers, requests, matches, options?, limits?, instance?) // per match: other teachers and why each lost
 *   buildInstance(teachers, requests, options?) + solveInstanceExact(instance, solver, options?)
 *                                                                           // solveRegionExact in two steps, to share the instance
 *   proposalSentences(facts, names?)                                       // a proposal in Dutch and English sentences
 *   DEFAULT_SCORE_WEIGHTS                                                    // documented default weights
 * Time is weekday 1..7 (ISO, Monday = 1) and minutes since midnight; dates are ISO YYYY-MM-DD;
 * coordinates { lat, lon } in degrees. Exclusions (`options.exclude`, `options.excludeTeacherIds`)
 * support the decline cascade; `teacher.committed` holds approved placements elsewhere.
 *
 * Linear assignment (used by the CLI `npm run solve:assignment`):
 *   solveAssignment(problem: AssignmentProblem): AssignmentSolution (certified; throws CertificateError)
 *   parseOrLibAssignment(bytes | string, format?): AssignmentProblem
 */
export * from './assignment/assignment.types';
export {
  solveAssignment,
  denseProblem,
  sparseProblem,
  sparseFromTriples,
} from './assignment/solve-assignment';
export { checkAssignmentCertificate } from './assignment/certificate';
export { parseOrLibAssignment, readIntegers, MalformedInstanceError } from './assignment/orlib-format';
export type { OrLibFormat } from './assignment/orlib-format';

export * from './region/region.types';
export type { EligibilityReport } from './region/eligibility';
export {
  checkEligibility,
  LEVEL_RANK,
  SIX_HOUR_RULE_MINUTES,
  WORKING_HOURS_MAX_MINUTES,
  VOG_MAX_AGE_MONTHS,
  PDG_GRACE_MONTHS,
} from './region/eligibility';
export { DEFAULT_SCORE_WEIGHTS, SCORE_COMPONENTS, resolveWeights } from './region/score';
export { solveRegion } from './region/solve-region';
export { greedyBaseline } from './region/greedy';
export { regionLossIfForbidden, regionCostOfForcing } from './region/explain';
export { buildInstance } from './region/instance';
export type { RegionInstance } from './region/instance';
export {
  solveRegionExact,
  solveInstanceExact,
  loadMipSolver,
  DEFAULT_EXACT_TIME_LIMIT_SECONDS,
  DEFAULT_MIP_MAX_PAIRS,
  MIP_SKIPPED_TOO_LARGE,
} from './exact/solve-exact';
export type { MipSolver, ExactOptions, ExactRegionResult, RegionProof } from './exact/solve-exact';
export { explainUnfilled } from './explain/unfilled';
export type { UnfilledExplanation, HeldBackReason, RuleCount } from './explain/unfilled';
export {
  shortageSignals,
  profileTeacher,
  withOneMoreDay,
  PROFILE_RELEASED_MINUTES,
  DEFAULT_SHORTAGE_SOLVES,
} from './explain/shortage';
export type { ShortageSignals, ShortageOptions, ProfileSignal, StaffSignal } from './explain/shortage';
export { companyFairness } from './explain/fairness';
export { proposalAlternatives, proposalSentences, whyNotSentences, RULE_PHRASES } from './explain/proposal';
export type {
  ConsideredAlternative,
  AlternativeLimits,
  ProposalFacts,
  Sentences,
  WhyNotStatus,
} from './explain/proposal';
export type { CompanyFairness, CompanyShare } from './explain/fairness';
export type { RegionLoss, ForcingCost, AssignmentChange } from './region/explain';
export { greatCircleKm, dayNumber } from './region/dates';
export { solveTransport, checkTransportCertificate, toUnitSide } from './region/transport';
export type { TransportProblem, TransportSolution } from './region/transport';
