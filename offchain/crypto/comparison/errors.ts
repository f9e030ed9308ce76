import { SealedChainError } from "../../errors.js";

/** Base class of every error thrown by the comparison module. `code` is stable; match on it. */
export class ComparisonError extends SealedChainError {}

/** A parameter has the wrong type, size or range (bit length, quality value, vector length, ciphertext). */
export class InvalidComparisonParameterError extends ComparisonError {
  readonly parameter: string;

  constructor({ parameter, expected, actual, cause }: { parameter: string; expected: string; actual: string; cause?: unknown }) {
    super("INVALID_COMPARISON_PARAMETER", `Invalid ${parameter}: expected ${expected}, got ${actual}`, { cause });
    this.parameter = parameter;
  }
}

/**
 * A's request is not the deterministic recomputation of the comparison vectors from the
 * public bundles. B refuses to decrypt it: answering would turn B into a decryption oracle
 * for ciphertexts A chose (e.g. B's own Enc(x_5) slipped in among the z values).
 */
export class ComparisonRequestMismatchError extends ComparisonError {
  readonly vector: "lt" | "gt";
  readonly index: number;

  constructor({ vector, index }: { vector: "lt" | "gt"; index: number }) {
    super(
      "COMPARISON_REQUEST_MISMATCH",
      index < 0
        ? `Comparison request refused: the ${vector} vector does not have one ciphertext per bit`
        : `Comparison request refused: ${vector}[${index}] differs from the value recomputed from the public bundles`,
    );
    this.vector = vector;
    this.index = index;
  }
}

/**
 * B's own bundles do not describe a bitwise comparison: the decrypted z values contain more
 * than one zero, or no zero although the XOR bits do not all vanish. Raised to B, never sent.
 */
export class ComparisonInconsistentBundlesError extends ComparisonError {
  readonly reason: string;

  constructor({ reason }: { reason: string }) {
    super("COMPARISON_INCONSISTENT_BUNDLES", `The quality and XOR bundles are inconsistent: ${reason}`);
    this.reason = reason;
  }
}

/** An answer does not prove what it claims (wrong index, nonce, relation or zero proof). */
export class ComparisonAnswerForgedError extends ComparisonError {
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super("COMPARISON_ANSWER_FORGED", `Comparison answer rejected: ${reason}`, { cause });
    this.reason = reason;
  }
}
