import { assertCiphertext } from "./assert-ciphertext.js";
import { assertPublicKey } from "./assert-public-key.js";
import type { PaillierPublicKey } from "./types.js";

export interface AddParameters {
  publicKey: PaillierPublicKey;
  a: bigint;
  b: bigint;
}

/** Homomorphic addition (Paillier 1999 §8): Enc(m_a) · Enc(m_b) mod n² = Enc(m_a + m_b mod n). */
export function add({ publicKey, a, b }: AddParameters): bigint {
  assertPublicKey(publicKey);
  assertCiphertext(publicKey, a, "a");
  assertCiphertext(publicKey, b, "b");
  return (a * b) % publicKey.n2;
}
