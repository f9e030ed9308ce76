import { describeValue } from "../../describe-value.js";
import { InvalidChunkCipherParameterError } from "./errors.js";

export function assertBytes(value: unknown, parameter: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new InvalidChunkCipherParameterError({ parameter, expected: "a Uint8Array", actual: describeValue(value) });
  }
}
