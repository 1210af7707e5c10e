/**
 * @hybridmatch/matching — the matching engine. Pure TypeScript: no framework, ORM or I/O.
 * See docs/MATCHING.md for the model.
 */
export * from './assignment/assignment.types';
export { solveAssignment, denseProblem, sparseProblem, sparseFromTriples } from './assignment/solve-assignment';
export { checkAssignmentCertificate } from './assignment/certificate';
export { parseOrLibAssignment, readIntegers, MalformedInstanceError, OrLibFormat } from './assignment/orlib-format';
