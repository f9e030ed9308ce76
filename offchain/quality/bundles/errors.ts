import { SealedChainError } from "../../errors.js";

/** Base class of every error thrown by the quality bundle module. `code` is stable; match on it. */
export class QualityBundleError extends SealedChainError {}

/** The bytes are not a canonical JSON document (not UTF-8, not JSON, not an object, or not in canonical form). */
export class QualityBundleFormatError extends QualityBundleError {
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super("QUALITY_BUNDLE_FORMAT", `Malformed quality bundle: ${reason}`, { cause });
    this.reason = reason;
  }
}

/** One field of a bundle is missing, unexpected, or has the wrong value. `field` is its JSON path. */
export class QualityBundleFieldError extends QualityBundleError {
  readonly kind: string;
  readonly field: string;

  constructor({ kind, field, expected, actual, cause }: { kind: string; field: string; expected: string; actual: string; cause?: unknown }) {
    super("QUALITY_BUNDLE_FIELD", `Invalid ${kind} bundle field "${field}": expected ${expected}, got ${actual}`, { cause });
    this.kind = kind;
    this.field = field;
  }
}

/** keccak256 of the bytes differs from the hash recorded on chain. */
export class QualityBundleHashMismatchError extends QualityBundleError {
  readonly expected: string;
  readonly actual: string;

  constructor({ expected, actual }: { expected: string; actual: string }) {
    super("QUALITY_BUNDLE_HASH_MISMATCH", `Quality bundle hash mismatch: expected ${expected}, the bytes hash to ${actual}`);
    this.expected = expected;
    this.actual = actual;
  }
}
