import { assertCiphertext } from "./assert-ciphertext.js";
import { assertPublicKey } from "./assert-public-key.js";
import type { PaillierNoncePool } from "./nonce-pool.js";
import { nthPower } from "./nth-power.js";
import { takeRandomizer } from "./take-randomizer.js";
import type { PaillierPublicKey } from "./types.js";

export interface RerandomizeParameters {
  publicKey: PaillierPublicKey;
  c: bigint;
  /** Nonce in Z*_n; random when omitted. */
  r?: bigint;
  /** Precomputed r^n factors (createNoncePool); one is consumed. Exclusive with r. */
  pool?: PaillierNoncePool;
}

/**
 * A fresh-looking ciphertext of the same plaintext: c · r^n mod n² (multiplying by an
 * encryption of 0). The new nonce is r_c · r.
 */
export function rerandomize({ publicKey, c, r, pool }: RerandomizeParameters): bigint {
  assertPublicKey(publicKey);
  assertCiphertext(publicKey, c, "c");
  const randomizer = takeRandomizer({ publicKey, r, pool, power: (nonce) => nthPower(publicKey, nonce) });
  return (c * randomizer) % publicKey.n2;
}
