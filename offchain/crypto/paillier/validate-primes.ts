import { checkPrimeSync } from "node:crypto";
import { assertKeySize } from "./assert-key-size.js";
import { bitLength } from "./bit-length.js";
import { describeValue } from "./describe-value.js";
import { PaillierKeyError } from "./errors.js";
import { gcd } from "./gcd.js";

export interface ValidatePrimesParameters {
  p: unknown;
  q: unknown;
  allowInsecureKeySize: unknown;
  /** false when the primes just came from generatePrime (skips the Miller–Rabin rounds). */
  checkPrimality: boolean;
}

/**
 * Checks Paillier primes: odd primes p ≠ q (Miller–Rabin via OpenSSL's BN_check_prime),
 * n = pq within the allowed size, gcd(n, (p−1)(q−1)) = 1 (Paillier 1999 §3; holds for
 * equal-length primes), and for keys of secure size |p − q| > 2^(bits/2 − 100), the
 * FIPS 186-5 §A.1.3 bound that keeps Fermat factorization out of reach.
 */
export function validatePrimes({ p, q, allowInsecureKeySize, checkPrimality }: ValidatePrimesParameters): { p: bigint; q: bigint } {
  for (const [name, value] of [["p", p], ["q", q]] as const) {
    if (typeof value !== "bigint" || value < 3n) {
      throw new PaillierKeyError({ reason: `${name}: expected an odd prime bigint ≥ 3, got ${describeValue(value)}` });
    }
  }
  const primeP = p as bigint;
  const primeQ = q as bigint;
  if (primeP === primeQ) {
    throw new PaillierKeyError({ reason: "p and q are equal; n = p² would be trivially factored" });
  }
  const bits = bitLength(primeP * primeQ);
  assertKeySize(bits, allowInsecureKeySize);
  if (checkPrimality) {
    for (const [name, value] of [["p", primeP], ["q", primeQ]] as const) {
      if (!checkPrimeSync(value)) {
        throw new PaillierKeyError({ reason: `${name} is not prime (${bitLength(value)}-bit composite)` });
      }
    }
  }
  if (allowInsecureKeySize !== true) {
    const difference = primeP > primeQ ? primeP - primeQ : primeQ - primeP;
    if (bitLength(difference) <= Math.floor(bits / 2) - 100) {
      throw new PaillierKeyError({ reason: `|p − q| must exceed 2^(bits/2 − 100) (FIPS 186-5 §A.1.3); the primes are too close` });
    }
  }
  if (gcd(primeP * primeQ, (primeP - 1n) * (primeQ - 1n)) !== 1n) {
    throw new PaillierKeyError({ reason: "gcd(n, (p−1)(q−1)) ≠ 1" });
  }
  return { p: primeP, q: primeQ };
}
