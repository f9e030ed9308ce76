import { addPlain, multiplyPlain, rerandomize } from "../paillier/index.js";
import type { PaillierPublicKey } from "../paillier/index.js";
import { blindingSpreadBits } from "./bounds.js";
import { describe } from "./describe.js";
import { SecureComputeParameterError } from "./errors.js";
import { drawBelow } from "./random-below.js";
import type { ComparisonOracle, RandomBelow } from "./types.js";

export interface BlindedSignParameters {
  publicKey: PaillierPublicKey;
  /** Enc(d), with d ∈ [−2B, 2B] for the B of maxAbsValue(publicKey, sigmaBits) (checked by the callers). */
  difference: bigint;
  oracle: ComparisonOracle;
  sigmaBits: number;
  random: RandomBelow;
}

/**
 * Decides d ≥ 0 for an encrypted d with one oracle query.
 *
 * Draw r = 2^e + u with e ∈ [σ, σ + W) and u ∈ [0, 2^e) (W = blindingSpreadBits: a random order
 * of magnitude, so |v| does not give away log2|d|), r′ ∈ [0, r), s ∈ {+1, −1}, and let
 * w = r·d + r′. Since r′ < r:
 *   d ≥ 1 ⇒ w ≥ r > 0;   d = 0 ⇒ w = r′ ≥ 0;   d ≤ −1 ⇒ w ≤ −r + r′ < 0;   so  w ≥ 0 ⇔ d ≥ 0.
 * Send v = w when s = +1 and v = −w − 1 (= ¬w, two's complement) when s = −1. Plain negation
 * would be wrong at d = 0, r′ = 0 (−0 ≥ 0); with the complement, −w − 1 ≥ 0 ⇔ w < 0, so
 *   s = +1:  d ≥ 0 ⇔ answer = true;      s = −1:  d ≥ 0 ⇔ answer = false.
 * The key holder sees the sign of v, which is (d ≥ 0) XOR (s = −1): a fair coin to it. The
 * query is re-randomised so it cannot be linked to the ciphertexts it was computed from.
 */
export async function blindedSign({ publicKey, difference, oracle, sigmaBits, random }: BlindedSignParameters): Promise<boolean> {
  const exponent = BigInt(sigmaBits) + drawBelow(random, BigInt(blindingSpreadBits(publicKey, sigmaBits)), "e");
  const low = 1n << exponent;
  const r = low + drawBelow(random, low, "r");
  const rPrime = drawBelow(random, r, "r′");
  const negative = drawBelow(random, 2n, "s") === 1n;

  const scaled = multiplyPlain({ publicKey, c: difference, k: negative ? -r : r }); // Enc(s·r·d)
  const shifted = addPlain({ publicKey, c: scaled, m: negative ? -rPrime - 1n : rPrime }); // Enc(v)
  const ciphertext = rerandomize({ publicKey, c: shifted });

  const answer: unknown = await oracle.answer({ ciphertext });
  if (typeof answer !== "object" || answer === null || typeof (answer as { greaterOrEqualZero?: unknown }).greaterOrEqualZero !== "boolean") {
    throw new SecureComputeParameterError({
      parameter: "oracle answer",
      expected: "{ greaterOrEqualZero: boolean }",
      actual: typeof answer === "object" && answer !== null ? "an object without a boolean greaterOrEqualZero" : describe(answer),
    });
  }
  const { greaterOrEqualZero } = answer as { greaterOrEqualZero: boolean };
  return negative ? !greaterOrEqualZero : greaterOrEqualZero;
}
