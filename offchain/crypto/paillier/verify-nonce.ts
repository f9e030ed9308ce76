import { assertCiphertext } from "./assert-ciphertext.js";
import { assertNonce } from "./assert-nonce.js";
import { assertPlaintext } from "./assert-plaintext.js";
import { assertPublicKey } from "./assert-public-key.js";
import { nthPower } from "./nth-power.js";
import type { PaillierPublicKey } from "./types.js";

export interface VerifyNonceParameters {
  publicKey: PaillierPublicKey;
  c: bigint;
  /** Claimed plaintext in [0, n). */
  m: bigint;
  /** Claimed nonce in Z*_n (from recoverNonce). */
  r: bigint;
}

/**
 * True iff c = (1 + m·n) · r^n mod n², i.e. c is the encryption of m under nonce r: a proof of
 * the plaintext anyone with the public key can check (one exponentiation). Malformed inputs
 * (wrong type, out of range) throw the usual typed errors; well-formed wrong claims give false.
 */
export function verifyNonce({ publicKey, c, m, r }: VerifyNonceParameters): boolean {
  assertPublicKey(publicKey);
  assertCiphertext(publicKey, c, "c");
  assertPlaintext(publicKey, m, "m");
  assertNonce(publicKey, r, "r");
  return ((1n + m * publicKey.n) * nthPower(publicKey, r)) % publicKey.n2 === c;
}
