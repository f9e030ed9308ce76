import { MAX_CHUNKS } from "./constants.js";
import { describeValue } from "../../describe-value.js";
import { InvalidChunkPlanError } from "./errors.js";

/** Where each chunk of a file starts and how long it is. */
export type ChunkPlan = {
  fileSize: number;
  chunkCount: number;
  /** byte offset of chunk i */
  offsetOf(i: number): number;
  sizeOf(i: number): number;
};

export interface PlanChunksParameters {
  fileSize: number;
  /** Exactly this many chunks (`--chunks`), balanced to within one byte. */
  chunks?: number;
  /** Chunks of this many bytes (`--chunk-size`), the last one shorter. */
  chunkSize?: number;
}

/**
 * Splits a file of `fileSize` bytes into chunks (BlockTorrent §3.2.1: the file is split,
 * each chunk encrypted and placed separately). Exactly one of `chunks` / `chunkSize`:
 * - `chunks` N (1..100 000): exactly N chunks; the first fileSize mod N get one byte more;
 *   refused when fileSize < N (a chunk would be empty).
 * - `chunkSize` S (>= 1): ⌈fileSize / S⌉ chunks of S bytes, the last one shorter; refused
 *   when that is more than 100 000 chunks.
 * An empty file is one chunk of 0 bytes with either option.
 */
export function planChunks({ fileSize, chunks, chunkSize }: PlanChunksParameters): ChunkPlan {
  if (typeof fileSize !== "number" || !Number.isSafeInteger(fileSize) || fileSize < 0) {
    throw new InvalidChunkPlanError({ option: "fileSize", expected: "a non-negative integer", actual: describeValue(fileSize) });
  }
  if ((chunks === undefined) === (chunkSize === undefined)) {
    throw new InvalidChunkPlanError({
      option: "options",
      expected: "exactly one of --chunks and --chunk-size",
      actual: chunks === undefined ? "neither" : "both",
    });
  }

  if (chunks !== undefined) {
    if (typeof chunks !== "number" || !Number.isInteger(chunks) || chunks < 1 || chunks > MAX_CHUNKS) {
      throw new InvalidChunkPlanError({ option: "--chunks", expected: `an integer in [1, ${MAX_CHUNKS}]`, actual: describeValue(chunks) });
    }
    if (fileSize === 0) return makePlan(0, 1, () => 0, () => 0);
    if (fileSize < chunks) {
      throw new InvalidChunkPlanError({
        option: "--chunks",
        expected: `at most the file size (${fileSize} bytes), so that no chunk is empty`,
        actual: `${chunks} chunks`,
      });
    }
    const base = Math.floor(fileSize / chunks);
    const longer = fileSize % chunks;
    return makePlan(
      fileSize,
      chunks,
      (i) => i * base + Math.min(i, longer),
      (i) => base + (i < longer ? 1 : 0),
    );
  }

  const size = chunkSize as number;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 1) {
    throw new InvalidChunkPlanError({ option: "--chunk-size", expected: "a positive integer (bytes)", actual: describeValue(size) });
  }
  const count = Math.max(1, Math.ceil(fileSize / size));
  if (count > MAX_CHUNKS) {
    throw new InvalidChunkPlanError({
      option: "--chunk-size",
      expected: `a size giving at most ${MAX_CHUNKS} chunks for ${fileSize} bytes (>= ${Math.ceil(fileSize / MAX_CHUNKS)})`,
      actual: `${size} bytes (${count} chunks)`,
    });
  }
  return makePlan(
    fileSize,
    count,
    (i) => i * size,
    (i) => Math.min(size, fileSize - i * size),
  );
}

function makePlan(
  fileSize: number,
  chunkCount: number,
  offset: (i: number) => number,
  size: (i: number) => number,
): ChunkPlan {
  const check = (i: number) => {
    if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= chunkCount) {
      throw new InvalidChunkPlanError({ option: "chunk index", expected: `an integer in [0, ${chunkCount - 1}]`, actual: describeValue(i) });
    }
  };
  return Object.freeze({
    fileSize,
    chunkCount,
    offsetOf(i: number): number {
      check(i);
      return offset(i);
    },
    sizeOf(i: number): number {
      check(i);
      return size(i);
    },
  });
}
