import { SealedChainError } from "../../errors.js";

/** Base class of every error thrown by the key-share module. `code` is stable; match on it. */
export class KeyShareError extends SealedChainError {}

/** A parameter has the wrong type, size or range. */
export class InvalidKeyShareParameterError extends KeyShareError {
  readonly parameter: string;

  constructor({ parameter, expected, actual }: { parameter: string; expected: string; actual: string }) {
    super("INVALID_KEY_SHARE_PARAMETER", `Invalid ${parameter}: expected ${expected}, got ${actual}`);
    this.parameter = parameter;
  }
}

/** A share tree was asked for a share index it does not contain. */
export class UnknownShareIndexError extends KeyShareError {
  readonly index: number;

  constructor({ index, known }: { index: number; known: readonly number[] }) {
    super("UNKNOWN_SHARE_INDEX", `No leaf with share index ${index} in the share tree (indexes: ${known.join(", ")})`);
    this.index = index;
  }
}
