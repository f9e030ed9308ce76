import type { PaillierPublicKey } from "../paillier/index.js";
import { describe } from "./describe.js";
import { SecureComputeBoundsError, SecureComputeParameterError } from "./errors.js";

/** Statistical security of the blinding: r ≥ 2^sigma (its spread above that: blindingSpreadBits). */
export const DEFAULT_SIGMA_BITS = 40;
/** Below 2^40 the blinding factor r is guessable; refused. */
export const MIN_SIGMA_BITS = 40;
/** Upper limit only to keep sigma a sane number; the key size limits it further (B ≥ 1). */
export const MAX_SIGMA_BITS = 1024;

/** Checks sigma is an integer in [MIN_SIGMA_BITS, MAX_SIGMA_BITS]; returns it. */
export function assertSigmaBits(sigmaBits: unknown): number {
  if (typeof sigmaBits !== "number" || !Number.isInteger(sigmaBits) || sigmaBits < MIN_SIGMA_BITS || sigmaBits > MAX_SIGMA_BITS) {
    throw new SecureComputeParameterError({
      parameter: "sigmaBits",
      expected: `an integer in [${MIN_SIGMA_BITS}, ${MAX_SIGMA_BITS}] (statistical security)`,
      actual: describe(sigmaBits),
    });
  }
  return sigmaBits;
}

/**
 * How many binary orders of magnitude the blinding factor r spans: r = 2^e + u with e uniform
 * in [σ, σ + W) and u uniform in [0, 2^e). With r confined to [2^σ, 2^(σ+1)) the key holder
 * would read log2|d| off |v| ≈ r·|d| to within a bit (about 5.5 bits of a tier computation's
 * total, bench/points/key-holder-inference.ts); spreading e over W = ⌊bits(n)/2⌋ − σ orders
 * makes |v| say nothing about |d| unless e falls within log2|d| of either end (probability
 * ≈ 2·log2|d| / W per comparison). The price is the bound below: B ≈ √n / 4. At least 1
 * (W = 1 is the unspread r ∈ [2^σ, 2^(σ+1))).
 */
export function blindingSpreadBits(publicKey: PaillierPublicKey, sigmaBits: number = DEFAULT_SIGMA_BITS): number {
  const sigma = assertSigmaBits(sigmaBits);
  return Math.max(1, Math.floor(publicKey.n.toString(2).length / 2) - sigma);
}

/**
 * The largest B such that every comparison of two values in [−B, B] is exact.
 *
 * The key holder decrypts v = ±(r·d + r′) (or its complement −(r·d + r′) − 1) with
 * d = x − y ∈ [−2B, 2B], r ∈ [2^σ, 2^(σ+W)) (W = blindingSpreadBits), r′ ∈ [0, r). Then
 *     |v| ≤ (2^(σ+W) − 1)·2B + (2^(σ+W) − 2) + 1  <  2^(σ+W)·(2B + 1),
 * and v is read as a signed residue in [−(n−1)/2, (n−1)/2] (n odd). So it suffices that
 *     2^(σ+W)·(2B + 1) ≤ (n − 1)/2   ⇔   2B + 1 ≤ ⌊(n − 1) / 2^(σ+W+1)⌋,
 * i.e.  B = ⌊(⌊(n − 1) / 2^(σ+W+1)⌋ − 1) / 2⌋  ≈ n / 2^(σ+W+2) ≈ √n / 4.
 * That is about 2^1022 for a 2048-bit n and 2^1534 for 3072 bits, at any σ ≤ bits/2 − 1.
 */
export function maxAbsValue(publicKey: PaillierPublicKey, sigmaBits: number = DEFAULT_SIGMA_BITS): bigint {
  const sigma = BigInt(assertSigmaBits(sigmaBits));
  const spread = BigInt(blindingSpreadBits(publicKey, sigmaBits));
  const bound = ((publicKey.n - 1n) / (1n << (sigma + spread + 1n)) - 1n) / 2n;
  if (bound < 1n) {
    throw new SecureComputeParameterError({
      parameter: "sigmaBits",
      expected: `a sigma leaving room for values under a ${publicKey.bits}-bit modulus`,
      actual: String(sigmaBits),
    });
  }
  return bound;
}

/** Throws SecureComputeBoundsError unless value is a bigint in [−bound, bound]. */
export function assertInBounds(value: unknown, bound: bigint, what: string): asserts value is bigint {
  if (typeof value !== "bigint") {
    throw new SecureComputeParameterError({ parameter: what, expected: "a bigint", actual: describe(value) });
  }
  if (value < -bound || value > bound) {
    throw new SecureComputeBoundsError({ what, value, bound });
  }
}

/**
 * A caller's declared bound on |plaintexts| (undefined: the maximum). Must be a bigint in
 * [1, maxAbsValue(publicKey, sigmaBits)]; returns it.
 */
export function resolveBound(publicKey: PaillierPublicKey, bound: unknown, sigmaBits: number, what = "bound"): bigint {
  const max = maxAbsValue(publicKey, sigmaBits);
  if (bound === undefined) return max;
  if (typeof bound !== "bigint" || bound < 1n) {
    throw new SecureComputeParameterError({ parameter: what, expected: "a positive bigint", actual: describe(bound) });
  }
  assertInBounds(bound, max, what);
  return bound;
}
