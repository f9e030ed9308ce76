import { assertPlaintext } from "./assert-plaintext.js";
import { assertPrivateKey } from "./assert-private-key.js";
import type { PaillierNoncePool } from "./nonce-pool.js";
import { nthPowerAsOwner } from "./nth-power-as-owner.js";
import { takeRandomizer } from "./take-randomizer.js";
import type { PaillierPrivateKey } from "./types.js";

export interface EncryptAsOwnerParameters {
  privateKey: PaillierPrivateKey;
  /** Plaintext in [0, n). */
  m: bigint;
  /** Nonce in Z*_n; random when omitted. */
  r?: bigint;
  /** Precomputed r^n factors (createNoncePool); one is consumed. Exclusive with r. */
  pool?: PaillierNoncePool;
}

/**
 * Encryption by the key owner: the same ciphertext as encrypt (bit for bit, for the same r),
 * with r^n mod n² computed by the CRT over p² and q² (≈ 3× faster).
 */
export function encryptAsOwner({ privateKey, m, r, pool }: EncryptAsOwnerParameters): bigint {
  assertPrivateKey(privateKey);
  const { publicKey } = privateKey;
  assertPlaintext(publicKey, m, "m");
  const randomizer = takeRandomizer({ publicKey, r, pool, power: (nonce) => nthPowerAsOwner(privateKey, nonce) });
  return ((1n + m * publicKey.n) * randomizer) % publicKey.n2;
}
