import { assertPublicKey } from "./assert-public-key.js";
import { PAILLIER_SCHEME } from "./constants.js";
import type { PaillierPublicKey, PaillierPublicKeyJson } from "./types.js";

export interface PublicKeyToJsonParameters {
  publicKey: PaillierPublicKey;
}

/** `{ scheme: "paillier-g=n+1", n: "<decimal>" }`, ready for JSON.stringify. */
export function publicKeyToJson({ publicKey }: PublicKeyToJsonParameters): PaillierPublicKeyJson {
  assertPublicKey(publicKey);
  return { scheme: PAILLIER_SCHEME, n: publicKey.n.toString(10) };
}
