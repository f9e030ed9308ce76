/**
 * Paillier public key with g = n + 1 (implied, not stored). Create it with publicKeyFromN,
 * publicKeyFromJson, generatePaillierKeyPair or fromPaillierBigint: every operation checks that
 * its key came from one of these (they validate n and freeze the object).
 */
export interface PaillierPublicKey {
  /** Modulus n = p·q. */
  readonly n: bigint;
  /** n², the ciphertext modulus. */
  readonly n2: bigint;
  /** Bit length of n. */
  readonly bits: number;
}

/**
 * Paillier private key: the primes and the CRT constants of Paillier (1999) §7 "Decryption
 * using Chinese-remaindering". Create it with generatePaillierKeyPair, privateKeyFromPrimes,
 * privateKeyFromJson or fromPaillierBigint.
 */
export interface PaillierPrivateKey {
  readonly publicKey: PaillierPublicKey;
  readonly p: bigint;
  readonly q: bigint;
  /** p² */
  readonly pSquared: bigint;
  /** q² */
  readonly qSquared: bigint;
  /** hp = L_p(g^(p−1) mod p²)⁻¹ mod p, with L_p(x) = (x − 1)/p. */
  readonly hp: bigint;
  /** hq = L_q(g^(q−1) mod q²)⁻¹ mod q. */
  readonly hq: bigint;
  /** q⁻¹ mod p (CRT recombination mod n). */
  readonly qInverseModP: bigint;
  /** (q²)⁻¹ mod p² (CRT recombination mod n²). */
  readonly qSquaredInverseModPSquared: bigint;
  /** λ = φ(n) = (p−1)(q−1); with g = n + 1, φ(n) may stand for Carmichael's λ(n). */
  readonly lambda: bigint;
  /** μ = λ⁻¹ mod n (with g = n + 1, L(g^λ mod n²) = λ mod n). */
  readonly mu: bigint;
  /** n mod p(p−1): the exponent of r^n mod p² (owner encryption). */
  readonly ownerExponentP: bigint;
  /** n mod q(q−1): the exponent of r^n mod q². */
  readonly ownerExponentQ: bigint;
  /** n⁻¹ mod (p−1): takes an n-th root mod p (nonce recovery). */
  readonly nInverseModPMinus1: bigint;
  /** n⁻¹ mod (q−1). */
  readonly nInverseModQMinus1: bigint;
}

export interface PaillierKeyPair {
  readonly publicKey: PaillierPublicKey;
  readonly privateKey: PaillierPrivateKey;
}

/** JSON form of a public key: `{ "scheme": "paillier-g=n+1", "n": "<decimal>" }`. */
export interface PaillierPublicKeyJson {
  scheme: "paillier-g=n+1";
  n: string;
}

/** JSON form of a private key: `{ "scheme": "paillier-g=n+1", "p": "<decimal>", "q": "<decimal>" }`. */
export interface PaillierPrivateKeyJson {
  scheme: "paillier-g=n+1";
  p: string;
  q: string;
}
