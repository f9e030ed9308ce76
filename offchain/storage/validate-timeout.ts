import { MAX_TIMEOUT_MS } from "./constants.js";
import { InvalidStoreParameterError } from "./errors.js";

/** A timeout must be a positive integer number of milliseconds. */
export function validateTimeout(value: unknown, parameter: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw new InvalidStoreParameterError({
      parameter,
      expected: `an integer number of milliseconds in [1, ${MAX_TIMEOUT_MS}]`,
      actual: String(value),
    });
  }
  return value;
}
