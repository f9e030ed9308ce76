import { bitLength } from "./bit-length.js";
import { issuedPublicKeys } from "./issued-keys.js";
import type { PaillierPublicKey } from "./types.js";

/** Freezes and registers the public key of an n the caller has already validated. */
export function buildPublicKey(n: bigint): PaillierPublicKey {
  const publicKey: PaillierPublicKey = Object.freeze({ n, n2: n * n, bits: bitLength(n) });
  issuedPublicKeys.add(publicKey);
  return publicKey;
}
