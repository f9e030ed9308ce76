// Public surface of offchain/quality: the quality part's bundle formats and one function per
// protocol step (Nasu et al.), used by tasks and agent handlers alike.
export * from "./bundles/index.js";
export { QualityError, PairKeyMismatchError, PairKeyNotFoundError, QualityHistoryFileError, QualityPolicyError, QualityReadingError, QualityStateError, XorCommitmentMismatchError } from "./errors.js";
export { QUALITY_CONTEXTS, type QualityParty } from "./quality-party.js";
export { qualityPaths, type QualityPaths } from "./quality-paths.js";
export { lotIdOf } from "./lot-id-of.js";
export { createPairKeyVault, type CreatePairKeyVaultParameters, type PairKeyVault } from "./pair-key-vault.js";
export { loadPairSecrets, type PairSecrets } from "./pair-secrets.js";
export { appendQualityHistory, readQualityHistory, type QualityHistoryEntry } from "./quality-history.js";
export { readPublicPair, type PublicPair } from "./read-public-pair.js";
export { checkXorBundle } from "./check-xor-bundle.js";
export { publishQualityPair, type PublishQualityPairParameters, type PublishQualityPairResult } from "./publish-quality-pair.js";
export { postXorToServicer, type PostXorToServicerParameters, type PostXorToServicerResult } from "./post-xor-to-servicer.js";
export { acceptXorPost, type AcceptXorPostResult } from "./accept-xor-post.js";
export { listXorOffers, offerXor, type XorOfferSummary, type XorOfferTerms } from "./offer-xor.js";
export { deliverXor } from "./deliver-xor.js";
export { buyXor, type BuyXorResult } from "./buy-xor.js";
export { checkDelivery, confirmDelivery, disputeDelivery, verifyDelivery, type DeliveryContracts, type DeliveryVerdict } from "./check-delivery.js";
export { loadPurchasedXor } from "./load-purchased-xor.js";
export { REQUEST_STATES, requestComparison } from "./request-comparison.js";
export { REJECT_REASONS, answerRequest, type AnswerRequestResult } from "./answer-request.js";
export { readAnswer } from "./read-answer.js";
export { readQualityPolicy, type QualityPolicy, type QualityPublishPolicy, type QualitySourcePolicy } from "./read-quality-policy.js";
export type { QualityReading, QualityReadingSource } from "./quality-reading-source.js";
export { createCsvReadingSource, type CreateCsvReadingSourceParameters } from "./create-csv-reading-source.js";
export { createSimulatedReadingSource, type CreateSimulatedReadingSourceParameters } from "./create-simulated-reading-source.js";
