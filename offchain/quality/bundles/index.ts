export { bundleHash } from "./bundle-hash.js";
export { serializeQualityBundle } from "./serialize-quality-bundle.js";
export { parseQualityBundle } from "./parse-quality-bundle.js";
export { serializeXorBundle } from "./serialize-xor-bundle.js";
export { parseXorBundle } from "./parse-xor-bundle.js";
export { serializeRequestBundle } from "./serialize-request-bundle.js";
export { parseRequestBundle } from "./parse-request-bundle.js";
export { serializeAnswerBundle } from "./serialize-answer-bundle.js";
export { parseAnswerBundle } from "./parse-answer-bundle.js";
export { QUALITY_BIT_ORDER, QUALITY_BUNDLE_FORMATS, QUALITY_BUNDLE_VERSION } from "./constants.js";
export type { QualityBundleKind } from "./constants.js";
export type {
  ParseQualityBundleOptions,
  QualityAnswerBundle,
  QualityBundleHeader,
  QualityPairRef,
  QualityPublicBundle,
  QualityRequestBundle,
  QualityXorBundle,
} from "./types.js";
export { QualityBundleError, QualityBundleFieldError, QualityBundleFormatError, QualityBundleHashMismatchError } from "./errors.js";
