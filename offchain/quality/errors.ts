import { SealedChainError } from "../errors.js";

/** Base class of every error thrown by offchain/quality (the protocol steps). */
export class QualityError extends SealedChainError {}

/** The XOR bundle S received (or A bought) does not hash to what B committed on chain. */
export class XorCommitmentMismatchError extends QualityError {
  readonly expected: string;
  readonly got: string;

  constructor({ pairId, expected, got }: { pairId: bigint; expected: string; got: string }) {
    super(
      "XOR_COMMITMENT_MISMATCH",
      `XOR bundle of pair ${pairId} does not match the owner's commitment: expected keccak256 ${expected}, got ${got}`,
    );
    this.expected = expected;
    this.got = got;
  }
}

/** No Paillier private key for a pair in the participant's key folder. */
export class PairKeyNotFoundError extends QualityError {
  constructor({ pairId, directory }: { pairId: bigint; directory: string }) {
    super(
      "PAIR_KEY_NOT_FOUND",
      `no Paillier private key for pair ${pairId} in ${directory}: expected the file written by quality:publish on this participant`,
    );
  }
}

/** A stored pair key whose public part is not the key published on chain for the pair. */
export class PairKeyMismatchError extends QualityError {
  constructor({ pairId, file, expected, got }: { pairId: bigint; file: string; expected: string; got: string }) {
    super(
      "PAIR_KEY_MISMATCH",
      `${file} does not hold the key of pair ${pairId}: expected public key hash ${expected}, got ${got}`,
    );
  }
}

/** The history file exists but is not a JSON array of history entries. */
export class QualityHistoryFileError extends QualityError {
  constructor({ file, problem }: { file: string; problem: string }, options?: ErrorOptions) {
    super("QUALITY_HISTORY_FILE", `${file} is not usable: ${problem}`, options);
  }
}

/** A protocol step was asked for something the chain state does not allow. */
export class QualityStateError extends QualityError {
  constructor({ what, expected, got }: { what: string; expected: string; got: string }) {
    super("QUALITY_STATE", `${what}: expected ${expected}, got ${got}`);
  }
}

/** A policy.json quality field with a wrong type or value. */
export class QualityPolicyError extends QualityError {
  constructor({ file, problem }: { file: string; problem: string }) {
    super("QUALITY_POLICY", `${file}: ${problem}`);
  }
}

/** A quality data source (CSV file, simulated sensor) that cannot be read as readings. */
export class QualityReadingError extends QualityError {
  readonly line: number | undefined;

  constructor({ source, line, problem }: { source: string; line?: number; problem: string }, options?: ErrorOptions) {
    super("QUALITY_READING", `${source}${line === undefined ? "" : ` line ${line}`}: ${problem}`, options);
    this.line = line;
  }
}
