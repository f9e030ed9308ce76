import { publicKeyContext } from "./public-key-context.js";
import type { PaillierPublicKey } from "./types.js";

/** r^n mod n², the randomizing factor of Paillier encryption (public-key path). */
export function nthPower(publicKey: PaillierPublicKey, r: bigint): bigint {
  return publicKeyContext(publicKey).powNSquared(r, publicKey.n);
}
