import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { describeValue } from "../../describe-value.js";
import { ChunkReadAbortedError, ChunkReadError, FileChangedError, InvalidChunkPlanError } from "./errors.js";
import type { ChunkPlan } from "./plan-chunks.js";

export interface ReadFileChunksParameters {
  file: string;
  plan: ChunkPlan;
  signal?: AbortSignal;
}

export interface FileChunk {
  index: number;
  /** Whether this is the plan's final chunk (the `last` flag of encryptChunk). */
  last: boolean;
  /** A fresh buffer the caller owns. */
  plaintext: Uint8Array;
}

/**
 * Reads a file chunk by chunk at the plan's offsets through one FileHandle; at most one
 * chunk is held at a time (the consumer decides how long it keeps each). Before each chunk
 * and after the last, the file's size must still be `plan.fileSize` and its modification
 * time what it was when opened; otherwise FileChangedError (the chunks would not belong to
 * one version of the file). The handle is closed when the loop ends, breaks or throws.
 */
export async function* readFileChunks({ file, plan, signal }: ReadFileChunksParameters): AsyncGenerator<FileChunk> {
  if (typeof file !== "string" || file.length === 0) {
    throw new InvalidChunkPlanError({ option: "file", expected: "a non-empty path", actual: describeValue(file) });
  }
  if (typeof plan !== "object" || plan === null || !Number.isInteger(plan.chunkCount) || plan.chunkCount < 1) {
    throw new InvalidChunkPlanError({ option: "plan", expected: "a ChunkPlan from planChunks", actual: describeValue(plan) });
  }
  throwIfAborted(signal, file);

  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (cause) {
    throw new ChunkReadError({ file, cause });
  }
  try {
    const opened = await statOf(handle, file);
    checkUnchanged(file, plan, opened, opened);
    for (let index = 0; index < plan.chunkCount; index++) {
      throwIfAborted(signal, file);
      checkUnchanged(file, plan, opened, await statOf(handle, file));
      const offset = plan.offsetOf(index);
      const plaintext = new Uint8Array(plan.sizeOf(index));
      let filled = 0;
      while (filled < plaintext.length) {
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(plaintext, filled, plaintext.length - filled, offset + filled));
        } catch (cause) {
          throw new ChunkReadError({ file, cause });
        }
        if (bytesRead === 0) {
          throw new FileChangedError({ file, reason: `end of file at byte ${offset + filled}, expected ${plan.fileSize} bytes` });
        }
        filled += bytesRead;
      }
      if (index === plan.chunkCount - 1) checkUnchanged(file, plan, opened, await statOf(handle, file));
      yield { index, last: index === plan.chunkCount - 1, plaintext };
    }
  } finally {
    await handle.close();
  }
}

type FileState = { size: bigint; mtimeNs: bigint };

async function statOf(handle: FileHandle, file: string): Promise<FileState> {
  try {
    const stats = await handle.stat({ bigint: true });
    return { size: stats.size, mtimeNs: stats.mtimeNs };
  } catch (cause) {
    throw new ChunkReadError({ file, cause });
  }
}

function checkUnchanged(file: string, plan: ChunkPlan, opened: FileState, now: FileState): void {
  if (now.size !== BigInt(plan.fileSize)) {
    throw new FileChangedError({ file, reason: `size is ${now.size} bytes, the chunk plan was made for ${plan.fileSize}` });
  }
  if (now.mtimeNs !== opened.mtimeNs) {
    throw new FileChangedError({ file, reason: "its modification time changed" });
  }
}

function throwIfAborted(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw new ChunkReadAbortedError({ file, cause: signal.reason });
}
