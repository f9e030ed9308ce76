import { PaillierParameterError } from "./errors.js";

/**
 * a⁻¹ mod m by the extended Euclidean algorithm (Knuth TAOCP vol. 2, §4.5.2, Algorithm X).
 * Throws PaillierParameterError when gcd(a, m) ≠ 1. Not constant-time.
 */
export function modInverse(a: bigint, modulus: bigint): bigint {
  let r0 = ((a % modulus) + modulus) % modulus;
  let r1 = modulus;
  let s0 = 1n;
  let s1 = 0n;
  while (r1 !== 0n) {
    const quotient = r0 / r1;
    [r0, r1] = [r1, r0 - quotient * r1];
    [s0, s1] = [s1, s0 - quotient * s1];
  }
  if (r0 !== 1n) {
    throw new PaillierParameterError({
      parameter: "value to invert",
      expected: "a unit modulo the modulus",
      actual: "a value sharing a factor with it",
    });
  }
  return s0 < 0n ? s0 + modulus : s0;
}
