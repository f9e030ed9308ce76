import { describeValue } from "../../describe-value.js";
import { InvalidChunkCipherParameterError } from "./errors.js";

const FILE_ID_PATTERN = /^0x[0-9a-fA-F]{64}$/;

/** The 32 bytes of a file id given as "0x" + 64 hex digits. */
export function parseFileId(fileId: unknown, parameter = "fileId"): Uint8Array {
  if (typeof fileId !== "string" || !FILE_ID_PATTERN.test(fileId)) {
    throw new InvalidChunkCipherParameterError({
      parameter,
      expected: '"0x" followed by 64 hex digits (bytes32)',
      actual: describeValue(fileId),
    });
  }
  return Uint8Array.from(Buffer.from(fileId.slice(2), "hex"));
}
