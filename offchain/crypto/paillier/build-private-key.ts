import { buildPublicKey } from "./build-public-key.js";
import { issuedPrivateKeys } from "./issued-keys.js";
import { modInverse } from "./mod-inverse.js";
import type { PaillierPrivateKey } from "./types.js";

/**
 * Derives, freezes and registers the private key of primes p ≠ q the caller has validated
 * (gcd(pq, (p−1)(q−1)) = 1). CRT constants as in Paillier (1999), "Public-Key Cryptosystems
 * Based on Composite Degree Residuosity Classes", §7, with g = n + 1.
 */
export function buildPrivateKey(p: bigint, q: bigint): PaillierPrivateKey {
  const n = p * q;
  const publicKey = buildPublicKey(n);
  const pSquared = p * p;
  const qSquared = q * q;
  const g = n + 1n;
  // hp = L_p(g^(p−1) mod p²)⁻¹ mod p; g^(p−1) = (1 + n)^(p−1) ≡ 1 + (p−1)·n (mod n²), binomial theorem.
  const gp = (1n + ((p - 1n) * (g - 1n)) % pSquared) % pSquared;
  const gq = (1n + ((q - 1n) * (g - 1n)) % qSquared) % qSquared;
  const hp = modInverse((gp - 1n) / p, p);
  const hq = modInverse((gq - 1n) / q, q);
  const lambda = (p - 1n) * (q - 1n);
  const privateKey: PaillierPrivateKey = Object.freeze({
    publicKey,
    p,
    q,
    pSquared,
    qSquared,
    hp,
    hq,
    qInverseModP: modInverse(q, p),
    qSquaredInverseModPSquared: modInverse(qSquared, pSquared),
    lambda,
    mu: modInverse(lambda, n),
    ownerExponentP: n % (p * (p - 1n)),
    ownerExponentQ: n % (q * (q - 1n)),
    nInverseModPMinus1: modInverse(n, p - 1n),
    nInverseModQMinus1: modInverse(n, q - 1n),
  });
  issuedPrivateKeys.add(privateKey);
  return privateKey;
}
