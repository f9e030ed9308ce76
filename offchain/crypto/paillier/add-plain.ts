import { assertCiphertext } from "./assert-ciphertext.js";
import { assertPublicKey } from "./assert-public-key.js";
import { assertSignedScalar } from "./assert-signed-scalar.js";
import type { PaillierPublicKey } from "./types.js";

export interface AddPlainParameters {
  publicKey: PaillierPublicKey;
  c: bigint;
  /** Plaintext constant in (−n, n); a negative m subtracts |m| (adds n + m). */
  m: bigint;
}

/**
 * Adds a public constant: Enc(x) · g^m = Enc(x) · (1 + m·n) mod n² = Enc(x + m mod n)
 * (Paillier 1999 §8). Keeps the nonce of c: rerandomize the result before publishing it if
 * c's nonce must not be linkable.
 */
export function addPlain({ publicKey, c, m }: AddPlainParameters): bigint {
  assertPublicKey(publicKey);
  assertCiphertext(publicKey, c, "c");
  assertSignedScalar(publicKey, m, "m");
  const constant = m < 0n ? m + publicKey.n : m;
  return (c * (1n + constant * publicKey.n)) % publicKey.n2;
}
