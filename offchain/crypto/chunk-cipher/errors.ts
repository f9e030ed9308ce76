import { SealedChainError } from "../../errors.js";

/** Base class of every error thrown by the chunk cipher. `code` is stable; match on it. */
export class ChunkCipherError extends SealedChainError {}

/**
 * A chunk did not authenticate: wrong file key or file id, a changed byte, a chunk given
 * under another index (reordered), or the wrong `last` flag (truncated or extended file).
 * The cases are indistinguishable by design (AES-GCM tag check).
 */
export class ChunkAuthenticationError extends ChunkCipherError {
  readonly index: number;

  constructor({ index, reason, cause }: { index: number; reason: string; cause?: unknown }) {
    super("CHUNK_AUTHENTICATION", `Chunk ${index} could not be decrypted: ${reason}`, { cause });
    this.index = index;
  }
}

/** The sealed master table did not authenticate (wrong key or file id, or a changed byte). */
export class MasterTableAuthenticationError extends ChunkCipherError {
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super("MASTER_TABLE_AUTHENTICATION", `Master table could not be opened: ${reason}`, { cause });
  }
}

/** A parameter has the wrong type, size or range. */
export class InvalidChunkCipherParameterError extends ChunkCipherError {
  readonly parameter: string;

  constructor({ parameter, expected, actual }: { parameter: string; expected: string; actual: string }) {
    super("INVALID_CHUNK_CIPHER_PARAMETER", `Invalid ${parameter}: expected ${expected}, got ${actual}`);
    this.parameter = parameter;
  }
}
