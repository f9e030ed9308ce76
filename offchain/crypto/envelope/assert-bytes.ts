import { InvalidEnvelopeParameterError } from "./errors.js";

export function assertBytes(value: unknown, parameter: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    const actual = value === null ? "null" : typeof value;
    throw new InvalidEnvelopeParameterError({ parameter, expected: "a Uint8Array", actual });
  }
}
