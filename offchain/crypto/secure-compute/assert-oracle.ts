import { describe } from "./describe.js";
import { SecureComputeParameterError } from "./errors.js";
import type { ComparisonOracle } from "./types.js";

/** Checks the oracle is an object with an answer(query) method. */
export function assertOracle(oracle: unknown): asserts oracle is ComparisonOracle {
  if (typeof oracle !== "object" || oracle === null || typeof (oracle as ComparisonOracle).answer !== "function") {
    throw new SecureComputeParameterError({ parameter: "oracle", expected: "an object with answer(query)", actual: describe(oracle) });
  }
}
