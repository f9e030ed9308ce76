import { add, rerandomize } from "../paillier/index.js";
import type { PaillierPublicKey } from "../paillier/index.js";
import { assertSigmaBits, DEFAULT_SIGMA_BITS, maxAbsValue, resolveBound } from "./bounds.js";
import { countingOracle } from "./counting-oracle.js";
import { describe } from "./describe.js";
import { SecureComputeBoundsError, SecureComputeParameterError } from "./errors.js";
import { compareWithPublic } from "./secure-compare.js";
import type { ComparisonOracle, EvaluatorOptions } from "./types.js";

/** Hu et al. §2.3 step 7: the membership thresholds the total is compared with. */
export const TIER_THRESHOLDS = [2000n, 5000n, 10000n] as const;

/** Number of thresholds reached: 0 below 2000, 1 in [2000, 5000), 2 in [5000, 10000), 3 from 10000. */
export type Tier = 0 | 1 | 2 | 3;

/** A tier in words, from the thresholds: "below 2000", "2000 to 5000", …, "10000 and above". */
export function tierName(tier: number): string {
  const t = TIER_THRESHOLDS;
  if (!Number.isInteger(tier) || tier < 0 || tier > t.length) return `unknown tier ${tier}`;
  if (tier === 0) return `below ${t[0]}`;
  return tier === t.length ? `${t[tier - 1]} and above` : `${t[tier - 1]} to ${t[tier]}`;
}

export interface ComputeTierParameters extends EvaluatorOptions {
  publicKey: PaillierPublicKey;
  /** Enc(points), one per issuer (brand, e-commerce platform, …); at least one. */
  encryptedPoints: readonly bigint[];
  oracle: ComparisonOracle;
  /** The issuers' promise |points| ≤ pointsBound each; default ⌊maxAbsValue / count⌋ (the largest allowed). */
  pointsBound?: bigint;
}

export interface ComputeTierResult {
  tier: Tier;
  /** Enc(Σ points), re-randomised (what the platform sends on to the brand). */
  encryptedTotal: bigint;
  /** Secure comparisons run (one per threshold). */
  comparisons: number;
  /** Ciphertexts sent to the key holder (one per comparison). */
  ciphertextsSent: number;
}

/**
 * The paper's case study (§2.3 steps 6–8): add the encrypted points homomorphically, compare
 * Enc(total) with each threshold, count the thresholds reached. The answers must be monotone
 * (total ≥ 10000 implies total ≥ 5000 …); a key holder whose answers are not is refused.
 */
export async function computeTier({ publicKey, encryptedPoints, oracle, pointsBound, ...options }: ComputeTierParameters): Promise<ComputeTierResult> {
  if (!Array.isArray(encryptedPoints) || encryptedPoints.length === 0) {
    throw new SecureComputeParameterError({ parameter: "encryptedPoints", expected: "a non-empty array of ciphertexts", actual: describe(encryptedPoints) });
  }
  const sigmaBits = assertSigmaBits(options.sigmaBits ?? DEFAULT_SIGMA_BITS);
  const max = maxAbsValue(publicKey, sigmaBits);
  const count = BigInt(encryptedPoints.length);
  const each = pointsBound === undefined ? max / count : resolveBound(publicKey, pointsBound, sigmaBits, "pointsBound");
  if (each * count > max) {
    throw new SecureComputeBoundsError({ what: `${count}·pointsBound`, value: each * count, bound: max });
  }
  const bound = each * count > TIER_THRESHOLDS[2] ? each * count : TIER_THRESHOLDS[2];
  if (bound > max) {
    throw new SecureComputeBoundsError({ what: "threshold", value: TIER_THRESHOLDS[2], bound: max });
  }

  const total = encryptedPoints.slice(1).reduce((sum, c) => add({ publicKey, a: sum, b: c }), encryptedPoints[0]!);
  const counter = countingOracle(oracle);
  const reached: boolean[] = [];
  for (const threshold of TIER_THRESHOLDS) {
    reached.push(await compareWithPublic({ publicKey, a: total, threshold, oracle: counter.oracle, bound, ...options }));
  }
  const tier = reached.filter(Boolean).length as Tier;
  if (reached.some((value, i) => value !== i < tier)) {
    throw new SecureComputeParameterError({
      parameter: "oracle answers",
      expected: "monotone in the threshold (total ≥ a higher threshold implies ≥ the lower ones)",
      actual: JSON.stringify(reached),
    });
  }
  return {
    tier,
    encryptedTotal: rerandomize({ publicKey, c: total }),
    comparisons: counter.count(),
    ciphertextsSent: counter.count(),
  };
}
