import { SealedChainError } from "../errors.js";

/** Base class of every error thrown by offchain/torrent (the BlockTorrent protocol steps). */
export class TorrentError extends SealedChainError {}

/** A torrent document (assignment, receipts, share envelope, master table) that is not what its format says. */
export class TorrentFormatError extends TorrentError {
  constructor({ what, problem }: { what: string; problem: string }, options?: ErrorOptions) {
    super("TORRENT_FORMAT", `${what}: ${problem}`, options);
  }
}

/** A protocol step was asked for something the chain state does not allow. */
export class TorrentStateError extends TorrentError {
  constructor({ what, expected, got }: { what: string; expected: string; got: string }) {
    super("TORRENT_STATE", `${what}: expected ${expected}, got ${got}`);
  }
}

/** Bad parameters of a protocol step (file, chunk options, threshold, …). */
export class TorrentParameterError extends TorrentError {
  constructor({ name, problem }: { name: string; problem: string }) {
    super("TORRENT_PARAMETER", `${name}: ${problem}`);
  }
}

/** Chunk owners that did not acknowledge within the wait. The file stays announced, not registered. */
export class AcknowledgementTimeoutError extends TorrentError {
  readonly missing: readonly string[];

  constructor({ fileId, missing, waitedMs }: { fileId: string; missing: readonly string[]; waitedMs: number }) {
    super(
      "ACKNOWLEDGEMENT_TIMEOUT",
      `file ${fileId}: ${missing.length} chunk owner(s) did not acknowledge within ${(waitedMs / 1000).toFixed(0)} s: ${missing.join(", ")} (is their agent running?)`,
    );
    this.missing = missing;
  }
}

/** A chunk owner's signed receipts do not cover exactly its chunks. */
export class ReceiptMismatchError extends TorrentError {
  constructor({ fileId, owner, problem }: { fileId: string; owner: string; problem: string }) {
    super("RECEIPT_MISMATCH", `file ${fileId}: receipts of ${owner}: ${problem}`);
  }
}

/** Fewer than k valid shares have been released to the auditor so far. */
export class NotEnoughSharesError extends TorrentError {
  readonly have: number;
  readonly need: number;

  constructor({ auditId, have, need, rejected }: { auditId: bigint; have: number; need: number; rejected: readonly string[] }) {
    super(
      "NOT_ENOUGH_SHARES",
      `audit ${auditId}: ${have} valid share(s) of the ${need} needed` + (rejected.length === 0 ? "" : `; refused: ${rejected.join("; ")}`),
    );
    this.have = have;
    this.need = need;
  }
}

/** The key rebuilt from the shares does not match the commitment registered with the file. */
export class KeyCommitmentMismatchError extends TorrentError {
  constructor({ fileId, expected, got }: { fileId: string; expected: string; got: string }) {
    super(
      "KEY_COMMITMENT_MISMATCH",
      `file ${fileId}: the key rebuilt from the released shares does not match the registered key commitment (expected ${expected}, got ${got}): the owner split a different key`,
    );
  }
}

/** Content whose hash differs from what the chain or the master table records. */
export class TorrentHashMismatchError extends TorrentError {
  constructor({ what, expected, got }: { what: string; expected: string; got: string }) {
    super("TORRENT_HASH_MISMATCH", `${what}: expected hash ${expected}, got ${got}`);
  }
}

/** Every owner of a chunk was tried and none served bytes that verify. */
export class ChunkUnavailableError extends TorrentError {
  readonly index: number;
  readonly attempts: readonly ChunkAttempt[];

  constructor({ fileId, index, attempts }: { fileId: string; index: number; attempts: readonly ChunkAttempt[] }) {
    super(
      "CHUNK_UNAVAILABLE",
      `file ${fileId}: chunk ${index} could not be retrieved from any of its ${attempts.length} owner(s): ` +
        attempts.map((a) => `${a.owner} (${a.problem})`).join("; "),
    );
    this.index = index;
    this.attempts = attempts;
  }
}

/** One failed attempt to get a chunk (or the master table) from one member. */
export type ChunkAttempt = { owner: string; problem: string };
