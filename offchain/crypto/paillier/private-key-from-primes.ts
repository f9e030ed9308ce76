import { buildPrivateKey } from "./build-private-key.js";
import type { PaillierPrivateKey } from "./types.js";
import { validatePrimes } from "./validate-primes.js";

export interface PrivateKeyFromPrimesParameters {
  p: bigint;
  q: bigint;
  /** Allow n below 2048 bits (≥ 16): tests and the paper's demo key only. */
  allowInsecureKeySize?: boolean;
}

/**
 * Rebuilds a private key (with its public key and CRT constants) from its primes, after
 * checking them: primality (OpenSSL Miller–Rabin), p ≠ q, size, gcd(n, φ(n)) = 1 and, at
 * secure sizes, |p − q| > 2^(bits/2 − 100). Throws PaillierKeyError / PaillierInsecureKeyError.
 */
export function privateKeyFromPrimes({ p, q, allowInsecureKeySize = false }: PrivateKeyFromPrimesParameters): PaillierPrivateKey {
  const primes = validatePrimes({ p, q, allowInsecureKeySize, checkPrimality: true });
  return buildPrivateKey(primes.p, primes.q);
}
