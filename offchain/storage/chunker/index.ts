export { planChunks } from "./plan-chunks.js";
export type { ChunkPlan, PlanChunksParameters } from "./plan-chunks.js";
export { readFileChunks } from "./read-file-chunks.js";
export type { FileChunk, ReadFileChunksParameters } from "./read-file-chunks.js";
export { MAX_CHUNKS } from "./constants.js";
export { ChunkReadAbortedError, ChunkReadError, ChunkerError, FileChangedError, InvalidChunkPlanError } from "./errors.js";
