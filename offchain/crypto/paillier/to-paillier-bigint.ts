import { PrivateKey, PublicKey } from "paillier-bigint";
import { assertPrivateKey } from "./assert-private-key.js";
import { assertPublicKey } from "./assert-public-key.js";
import type { PaillierPrivateKey, PaillierPublicKey } from "./types.js";

export type ToPaillierBigintParameters = { publicKey: PaillierPublicKey } | { privateKey: PaillierPrivateKey };

/**
 * The paillier-bigint 3.4.3 key object for one of our keys: PublicKey(n, g = n + 1), or
 * PrivateKey(λ = φ(n), μ = λ⁻¹ mod n, publicKey, p, q) — its "simple variant", whose
 * ciphertexts are ours bit for bit (same formula, same g).
 */
export function toPaillierBigint(parameters: { publicKey: PaillierPublicKey }): PublicKey;
export function toPaillierBigint(parameters: { privateKey: PaillierPrivateKey }): PrivateKey;
export function toPaillierBigint(parameters: ToPaillierBigintParameters): PublicKey | PrivateKey {
  if ("privateKey" in parameters) {
    const { privateKey } = parameters;
    assertPrivateKey(privateKey);
    const { n } = privateKey.publicKey;
    return new PrivateKey(privateKey.lambda, privateKey.mu, new PublicKey(n, n + 1n), privateKey.p, privateKey.q);
  }
  const { publicKey } = parameters;
  assertPublicKey(publicKey);
  return new PublicKey(publicKey.n, publicKey.n + 1n);
}
