import { assertCiphertext } from "./assert-ciphertext.js";
import { assertPrivateKey } from "./assert-private-key.js";
import { privateKeyContext } from "./private-key-context.js";
import type { PaillierPrivateKey } from "./types.js";

/**
 * m mod p, half a CRT decryption (Paillier 1999 §7, the p side only). For plaintexts known
 * to be small (|m| < p/2, e.g. the comparison's z values) it determines m: returns m in
 * (−p/2, p/2).
 */
export function decryptSmall({ privateKey, c }: { privateKey: PaillierPrivateKey; c: bigint }): bigint {
  assertPrivateKey(privateKey);
  assertCiphertext(privateKey.publicKey, c, "c");
  const { p, pSquared } = privateKey;
  const cModP2 = c % pSquared;
  const xp = (privateKeyContext(privateKey).powPSquared(cModP2, p - 2n) * cModP2) % pSquared;
  const mp = (((xp - 1n) / p) * privateKey.hp) % p;
  return mp > p / 2n ? mp - p : mp;
}
