import { assertCiphertext } from "./assert-ciphertext.js";
import { assertPrivateKey } from "./assert-private-key.js";
import { crtCombine } from "./crt-combine.js";
import { privateKeyContext } from "./private-key-context.js";
import type { PaillierPrivateKey } from "./types.js";

export interface RecoverNonceParameters {
  privateKey: PaillierPrivateKey;
  /** Ciphertext in Z*_{n²}. */
  c: bigint;
}

/**
 * The nonce r ∈ Z*_n with c = (1 + m·n) · r^n mod n², m = Dec(c): Paillier (1999) Scheme 2
 * (the trapdoor permutation), r = (c · g^(−m) mod n)^(n⁻¹ mod φ(n)) mod n. Since
 * g^(−m) = 1 − m·n ≡ 1 (mod n), c · g^(−m) ≡ c ≡ r^n (mod n), so m is not needed: r is the
 * n-th root of c mod n, taken mod p and mod q (exponents n⁻¹ mod (p−1), n⁻¹ mod (q−1)) and
 * recombined by the CRT. Revealing r lets anyone check the plaintext with verifyNonce.
 */
export function recoverNonce({ privateKey, c }: RecoverNonceParameters): bigint {
  assertPrivateKey(privateKey);
  assertCiphertext(privateKey.publicKey, c, "c");
  const { p, q } = privateKey;
  const context = privateKeyContext(privateKey);
  const rp = context.powP(c % p, privateKey.nInverseModPMinus1);
  const rq = context.powQ(c % q, privateKey.nInverseModQMinus1);
  return crtCombine(rp, rq, p, q, privateKey.qInverseModP);
}
