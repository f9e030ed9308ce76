import { FILE_KEY_BYTES } from "./constants.js";
import { InvalidChunkCipherParameterError } from "./errors.js";

/** A file key is exactly 32 bytes. The message never shows key bytes. */
export function assertFileKey(value: unknown, parameter = "fileKey"): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new InvalidChunkCipherParameterError({
      parameter,
      expected: "a Uint8Array",
      actual: value === null ? "null" : typeof value,
    });
  }
  if (value.length !== FILE_KEY_BYTES) {
    throw new InvalidChunkCipherParameterError({
      parameter,
      expected: `${FILE_KEY_BYTES} bytes`,
      actual: `${value.length} bytes`,
    });
  }
}
