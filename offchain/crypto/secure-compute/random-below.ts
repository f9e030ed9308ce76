import { randomBytes } from "node:crypto";
import { describe } from "./describe.js";
import { SecureComputeParameterError } from "./errors.js";
import type { RandomBelow } from "./types.js";

/** Uniform integer in [0, bound) from the OS CSPRNG, by rejection sampling (no modulo bias). */
export const randomBelow: RandomBelow = (bound) => {
  if (bound < 1n) throw new SecureComputeParameterError({ parameter: "bound", expected: "≥ 1", actual: `${bound}` });
  const bits = (bound - 1n).toString(2).length;
  const bytes = Math.ceil(bits / 8);
  const mask = (1n << BigInt(bits)) - 1n;
  for (;;) {
    const candidate = BigInt(`0x${randomBytes(bytes).toString("hex")}`) & mask;
    if (candidate < bound) return candidate;
  }
};

/** Draws from `random` and checks the result, so a faulty injected source cannot break correctness silently. */
export function drawBelow(random: RandomBelow, bound: bigint, what: string): bigint {
  const value: unknown = random(bound);
  if (typeof value !== "bigint" || value < 0n || value >= bound) {
    throw new SecureComputeParameterError({ parameter: `random(${what})`, expected: `a bigint in [0, ${bound})`, actual: describe(value) });
  }
  return value;
}
