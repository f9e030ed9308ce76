export { encryptQualityBits } from "./encrypt-quality-bits.js";
export type { EncryptQualityBitsParameters, EncryptQualityBitsResult } from "./encrypt-quality-bits.js";
export { computeComparisonVectors } from "./compute-comparison-vectors.js";
export type { ComputeComparisonVectorsParameters, ComputeComparisonVectorsResult } from "./compute-comparison-vectors.js";
export { answerComparison } from "./answer-comparison.js";
export type { AnswerComparisonParameters } from "./answer-comparison.js";
export { verifyComparisonAnswer } from "./verify-comparison-answer.js";
export type { VerifyComparisonAnswerParameters, VerifyComparisonAnswerResult } from "./verify-comparison-answer.js";
export { interpretRelation } from "./interpret-relation.js";
export type { InterpretRelationParameters, InterpretRelationResult } from "./interpret-relation.js";
export { proveOneIsZero } from "./prove-one-is-zero.js";
export type { ProveOneIsZeroParameters } from "./prove-one-is-zero.js";
export { verifyOneIsZero } from "./verify-one-is-zero.js";
export type { VerifyOneIsZeroParameters } from "./verify-one-is-zero.js";
export { challengeBits } from "./one-is-zero-challenge.js";
export { MAX_BIT_LENGTH } from "./bits-of.js";
export type {
  ComparisonAnswer,
  ComparisonDisclosure,
  ComparisonRelation,
  ComparisonVectorName,
  ComparisonVectors,
  EqualAnswer,
  IndexedAnswer,
  OneIsZeroProof,
  QualityBitCiphertexts,
  RelationOnlyAnswer,
} from "./types.js";
export {
  ComparisonAnswerForgedError,
  ComparisonError,
  ComparisonInconsistentBundlesError,
  ComparisonRequestMismatchError,
  InvalidComparisonParameterError,
} from "./errors.js";
