// Public surface of offchain/crypto/secure-compute: comparisons, max/min and the points formula
// of Hu et al. (§2.3, §4) on Paillier ciphertexts, with a key holder that answers sign queries.
export { maxAbsValue, blindingSpreadBits, assertInBounds, DEFAULT_SIGMA_BITS, MIN_SIGMA_BITS, MAX_SIGMA_BITS } from "./bounds.js";
export { toSigned } from "./to-signed.js";
export { answerBlindedComparison } from "./answer-blinded-comparison.js";
export type { AnswerBlindedComparisonParameters } from "./answer-blinded-comparison.js";
export { createComparisonOracle } from "./comparison-oracle.js";
export type { CreateComparisonOracleParameters, KeyHolderComparisonOracle } from "./comparison-oracle.js";
export { compareEncrypted, compareWithPublic } from "./secure-compare.js";
export type { CompareEncryptedParameters, CompareWithPublicParameters } from "./secure-compare.js";
export { selectEncrypted } from "./select.js";
export type { SelectEncryptedParameters } from "./select.js";
export { maxEncrypted, minEncrypted } from "./max-min.js";
export type { MaxMinEncryptedParameters } from "./max-min.js";
export { multiplyByConstant } from "./multiply-by-constant.js";
export type { MultiplyByConstantParameters } from "./multiply-by-constant.js";
export { evaluateFormula, FORMULA } from "./evaluate-formula.js";
export type { EvaluateFormulaParameters, EvaluateFormulaResult } from "./evaluate-formula.js";
export { computeTier, tierName, TIER_THRESHOLDS } from "./tier.js";
export type { ComputeTierParameters, ComputeTierResult, Tier } from "./tier.js";
export type { BlindedQuery, ComparisonOracle, ComparisonOracleAnswer, EvaluatorOptions, RandomBelow } from "./types.js";
export { SecureComputeBoundsError, SecureComputeError, SecureComputeParameterError } from "./errors.js";
