import { randomInt } from "node:crypto";

import { FORMULA, TIER_THRESHOLDS } from "../../offchain/crypto/index.js";

/** The plaintext answers the encrypted computations are checked against (Hu et al. §2.3, §4.1). */
export const expectedTier = (amounts: readonly bigint[]): number => {
  const total = amounts.reduce((sum, a) => sum + a, 0n);
  return TIER_THRESHOLDS.filter((threshold) => total >= threshold).length;
};

export const expectedFormula = (a: bigint, b: bigint): bigint => {
  const max = (x: bigint, y: bigint) => (x > y ? x : y);
  const min = (x: bigint, y: bigint) => (x < y ? x : y);
  return max(min(max(FORMULA.weightA * a, FORMULA.weightB * b), FORMULA.cap), FORMULA.floor);
};

/** Mallory's amounts in the paper's case study: 2600 brand points + 3200 platform points → tier 2. */
export const MALLORY_AMOUNTS = [2600n, 3200n] as const;

/** Two random amounts in [0, 8000): totals spread over all four tiers. */
export const randomTierAmounts = (): [bigint, bigint] => [BigInt(randomInt(8000)), BigInt(randomInt(8000))];

/** A in [0, 5000), B in [0, 1200): 37A and 150B both reach [0, ~180000), so F lands below the
 * floor, between floor and cap, and at the cap. */
export const randomFormulaInputs = (): [bigint, bigint] => [BigInt(randomInt(5000)), BigInt(randomInt(1200))];
