import type { PaillierPublicKey } from "../paillier/index.js";
import { MAX_BIT_LENGTH } from "./bits-of.js";
import { InvalidComparisonParameterError } from "./errors.js";
import { gcd } from "./small-math.js";

/**
 * Checks `vector` is an array of `length` ciphertexts in Z*_{n²} (0 < c < n², gcd(c, n) = 1),
 * as Paillier's scheme requires of every ciphertext (Paillier 1999, §3; Nasu et al. §VI).
 * `length` undefined: any length in [1, MAX_BIT_LENGTH]. Returns the length.
 */
export function assertCiphertextVector(
  publicKey: PaillierPublicKey,
  vector: unknown,
  parameter: string,
  length?: number,
): number {
  if (!Array.isArray(vector)) {
    throw new InvalidComparisonParameterError({ parameter, expected: "an array of ciphertexts", actual: typeof vector });
  }
  const expectedLength = length ?? vector.length;
  if (vector.length !== expectedLength || expectedLength < 1 || expectedLength > MAX_BIT_LENGTH) {
    throw new InvalidComparisonParameterError({
      parameter,
      expected: length === undefined ? `1 to ${MAX_BIT_LENGTH} ciphertexts` : `${length} ciphertexts (one per bit)`,
      actual: `${vector.length}`,
    });
  }
  const { n, n2 } = publicKey;
  vector.forEach((c: unknown, i) => {
    if (typeof c !== "bigint" || c <= 0n || c >= n2 || gcd(c, n) !== 1n) {
      throw new InvalidComparisonParameterError({
        parameter: `${parameter}[${i}]`,
        expected: "a ciphertext in Z*_{n²} (0 < c < n², gcd(c, n) = 1)",
        actual: typeof c === "bigint" ? (c >= n2 ? "a value ≥ n²" : c <= 0n ? c.toString() : "a value sharing a factor with n") : typeof c,
      });
    }
  });
  return expectedLength;
}

/** Checks ex, ey and exor are three ciphertext vectors of one common length k; returns k. */
export function assertQualityBitCiphertexts(
  publicKey: PaillierPublicKey,
  { ex, ey, exor }: { ex: unknown; ey: unknown; exor: unknown },
): number {
  const k = assertCiphertextVector(publicKey, ex, "ex");
  assertCiphertextVector(publicKey, ey, "ey", k);
  assertCiphertextVector(publicKey, exor, "exor", k);
  return k;
}
