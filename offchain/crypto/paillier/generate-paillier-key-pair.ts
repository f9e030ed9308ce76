import { generatePrime } from "node:crypto";
import { assertKeySize } from "./assert-key-size.js";
import { bitLength } from "./bit-length.js";
import { buildPrivateKey } from "./build-private-key.js";
import { PAILLIER_DEFAULT_BITS } from "./constants.js";
import { describeValue } from "./describe-value.js";
import { PaillierParameterError } from "./errors.js";
import type { PaillierKeyPair } from "./types.js";
import { validatePrimes } from "./validate-primes.js";

export interface GeneratePaillierKeyPairParameters {
  /** Bit length of n, even; default 3072, at least 2048 unless allowInsecureKeySize. */
  bits?: number;
  /** Allow 16 ≤ bits < 2048: tests and the paper's 32-bit demo key only. */
  allowInsecureKeySize?: boolean;
}

export type GeneratePaillierKeyPairResult = PaillierKeyPair;

function randomPrime(bits: number): Promise<bigint> {
  return new Promise((resolve, reject) => {
    generatePrime(bits, { bigint: true }, (error, prime) => (error ? reject(error) : resolve(prime)));
  });
}

/**
 * Generates a Paillier key pair with g = n + 1 (Paillier 1999 §3; the paper's scheme):
 * p and q are random primes of bits/2 bits from OpenSSL (generated off the main thread;
 * OpenSSL sets their top two bits, so n has exactly `bits` bits), p ≠ q, |p − q| large,
 * gcd(n, (p−1)(q−1)) = 1. About 0.1–0.5 s at 2048 bits and 0.5–3 s at 3072.
 */
export async function generatePaillierKeyPair({
  bits = PAILLIER_DEFAULT_BITS,
  allowInsecureKeySize = false,
}: GeneratePaillierKeyPairParameters = {}): Promise<GeneratePaillierKeyPairResult> {
  if (typeof bits !== "number" || !Number.isInteger(bits) || bits % 2 !== 0) {
    throw new PaillierParameterError({ parameter: "bits", expected: "an even integer", actual: describeValue(bits) });
  }
  assertKeySize(bits, allowInsecureKeySize);
  for (;;) {
    const [p, q] = await Promise.all([randomPrime(bits / 2), randomPrime(bits / 2)]);
    if (p === q || bitLength(p * q) !== bits) {
      continue;
    }
    try {
      validatePrimes({ p, q, allowInsecureKeySize, checkPrimality: false });
    } catch {
      continue; // primes too close or gcd(n, φ(n)) ≠ 1: negligible at real sizes, draw again
    }
    const privateKey = buildPrivateKey(p, q);
    return { publicKey: privateKey.publicKey, privateKey };
  }
}
