import { assertCiphertext } from "./assert-ciphertext.js";
import { assertPublicKey } from "./assert-public-key.js";
import { assertSignedScalar } from "./assert-signed-scalar.js";
import { modInverse } from "./mod-inverse.js";
import { publicKeyContext } from "./public-key-context.js";
import type { PaillierPublicKey } from "./types.js";

export interface MultiplyPlainParameters {
  publicKey: PaillierPublicKey;
  c: bigint;
  /** Scalar in (−n, n); a negative k multiplies by n + k ≡ k (mod n), computed via c⁻¹. */
  k: bigint;
}

/**
 * Multiplies the plaintext by a public scalar: Enc(m)^k mod n² = Enc(k·m mod n) (Paillier 1999
 * §8); for k < 0, (c⁻¹)^|k|. k = 0 gives 1, the deterministic Enc(0) with r = 1: rerandomize
 * before publishing. The result's nonce is r^k, a function of c's: rerandomize if that matters.
 */
export function multiplyPlain({ publicKey, c, k }: MultiplyPlainParameters): bigint {
  assertPublicKey(publicKey);
  assertCiphertext(publicKey, c, "c");
  assertSignedScalar(publicKey, k, "k");
  const { powNSquared } = publicKeyContext(publicKey);
  return k < 0n ? powNSquared(modInverse(c, publicKey.n2), -k) : powNSquared(c, k);
}
