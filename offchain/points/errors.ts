import { SealedChainError } from "../errors.js";

/** Base class of every error thrown by offchain/points. */
export class PointsError extends SealedChainError {}

/** A points document (key, issuance, evidence, result, oracle message) that is not what its format says. */
export class PointsFormatError extends PointsError {
  constructor({ what, problem }: { what: string; problem: string }, options?: ErrorOptions) {
    super("POINTS_FORMAT", `${what}: ${problem}`, options);
  }
}

/** A step asked of something in the wrong state (an authorisation used, expired, of another MPC, …). */
export class PointsStateError extends PointsError {
  constructor({ what, expected, got }: { what: string; expected: string; got: string }) {
    super("POINTS_STATE", `${what}: expected ${expected}, got ${got}`);
  }
}

/** The key holder's oracle refused a query (the message says why). */
export class OracleRefusedError extends PointsError {
  constructor({ reason }: { reason: string }, options?: ErrorOptions) {
    super("ORACLE_REFUSED", `the key holder refused the comparison: ${reason}`, options);
  }
}
