import { MAX_CHUNK_INDEX } from "./constants.js";
import { describeValue } from "../../describe-value.js";
import { InvalidChunkCipherParameterError } from "./errors.js";

export function assertChunkIndex(index: unknown): asserts index is number {
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > MAX_CHUNK_INDEX) {
    throw new InvalidChunkCipherParameterError({
      parameter: "index",
      expected: `an integer in [0, ${MAX_CHUNK_INDEX}]`,
      actual: describeValue(index),
    });
  }
}

export function assertLastFlag(last: unknown): asserts last is boolean {
  if (typeof last !== "boolean") {
    throw new InvalidChunkCipherParameterError({ parameter: "last", expected: "a boolean", actual: describeValue(last) });
  }
}
