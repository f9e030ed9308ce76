import { SealedChainError } from "../../errors.js";

/** Base class of every error thrown by the secure-compute module. `code` is stable; match on it. */
export class SecureComputeError extends SealedChainError {}

/**
 * A public value (threshold, constant, declared bound) lies outside the range in which the
 * blinded comparison is exact. The values checked here are public, so the message shows them.
 */
export class SecureComputeBoundsError extends SecureComputeError {
  readonly what: string;
  readonly value: bigint;
  readonly bound: bigint;

  constructor({ what, value, bound }: { what: string; value: bigint; bound: bigint }) {
    super("SECURE_COMPUTE_BOUNDS", `${what} = ${value} is outside [−${bound}, ${bound}]`);
    this.what = what;
    this.value = value;
    this.bound = bound;
  }
}

/** A parameter has the wrong type or value (sigma below 40, a non-boolean condition, a malformed oracle answer, …). */
export class SecureComputeParameterError extends SecureComputeError {
  readonly parameter: string;

  constructor({ parameter, expected, actual }: { parameter: string; expected: string; actual: string }) {
    super("SECURE_COMPUTE_PARAMETER", `Invalid ${parameter}: expected ${expected}, got ${actual}`);
    this.parameter = parameter;
  }
}
