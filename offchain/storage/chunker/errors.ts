import { SealedChainError } from "../../errors.js";

/** Base class of every error thrown by the chunker. `code` is stable; match on it. */
export class ChunkerError extends SealedChainError {}

/** A chunking option or parameter is out of range. */
export class InvalidChunkPlanError extends ChunkerError {
  readonly option: string;

  constructor({ option, expected, actual }: { option: string; expected: string; actual: string }) {
    super("INVALID_CHUNK_PLAN", `Invalid ${option}: expected ${expected}, got ${actual}`);
    this.option = option;
  }
}

/** The file's size (or modification time) is not what the plan was made for. */
export class FileChangedError extends ChunkerError {
  readonly file: string;

  constructor({ file, reason }: { file: string; reason: string }) {
    super("FILE_CHANGED", `${file} changed while it was being read: ${reason}`);
    this.file = file;
  }
}

/** Opening or reading the file failed; `cause` holds the system error. */
export class ChunkReadError extends ChunkerError {
  readonly file: string;

  constructor({ file, cause }: { file: string; cause?: unknown }) {
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    super("CHUNK_READ_FAILED", `Could not read ${file}${detail}`, { cause });
    this.file = file;
  }
}

/** The caller's AbortSignal fired. */
export class ChunkReadAbortedError extends ChunkerError {
  readonly file: string;

  constructor({ file, cause }: { file: string; cause?: unknown }) {
    super("CHUNK_READ_ABORTED", `Reading ${file} was aborted by the caller`, { cause });
    this.file = file;
  }
}
