import { assertCiphertext } from "./assert-ciphertext.js";
import { assertPublicKey } from "./assert-public-key.js";
import { modInverse } from "./mod-inverse.js";
import type { PaillierPublicKey } from "./types.js";

export interface SubtractParameters {
  publicKey: PaillierPublicKey;
  a: bigint;
  b: bigint;
}

/** Enc(m_a − m_b mod n) = a · b⁻¹ mod n² (addition of the negation, see negate). */
export function subtract({ publicKey, a, b }: SubtractParameters): bigint {
  assertPublicKey(publicKey);
  assertCiphertext(publicKey, a, "a");
  assertCiphertext(publicKey, b, "b");
  return (a * modInverse(b, publicKey.n2)) % publicKey.n2;
}
