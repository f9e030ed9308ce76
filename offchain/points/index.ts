// Public surface of offchain/points: the loyalty-points part (Hu et al.): the key holder's
// Paillier key and comparison oracle, encrypted issuances, the MPC platform's tier and formula
// computations, and the requester's reading of a formula result.
export * from "./errors.js";
export { POINTS_CONTEXTS, POINTS_ORACLE_PROTOCOL, type PointsParty } from "./points-party.js";
export { documentHashOf, encodeIssuance, parseIssuance, encodeTierEvidence, encodeFormulaResult, parseFormulaResult, encodeOracleRequest, parseOracleRequest } from "./documents.js";
export type { FormulaResultDocument, IssuanceDocument, OracleRequest, TierEvidence } from "./documents.js";
export { fetchPointsPublicKey, loadPointsKey, registerPointsKey } from "./points-key.js";
export { issuePoints } from "./issue-points.js";
export { COMPUTATION_KINDS, authorizeComputation } from "./authorize-computation.js";
export { consumerIdOf, newConsumerPseudonym } from "./consumer-id.js";
export { ORACLE_BUDGET, createOracleService } from "./oracle-service.js";
export { remoteOracle } from "./remote-oracle.js";
export { computeTierForAuthorization, evaluateFormulaForAuthorization, readFormulaResult } from "./computations.js";
