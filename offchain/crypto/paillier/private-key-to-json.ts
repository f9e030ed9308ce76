import { assertPrivateKey } from "./assert-private-key.js";
import { PAILLIER_SCHEME } from "./constants.js";
import type { PaillierPrivateKey, PaillierPrivateKeyJson } from "./types.js";

export interface PrivateKeyToJsonParameters {
  privateKey: PaillierPrivateKey;
}

/**
 * `{ scheme: "paillier-g=n+1", p: "<decimal>", q: "<decimal>" }`. This is the secret key in
 * the clear: seal it (e.g. offchain/chain's secret box or an envelope) before it leaves memory.
 */
export function privateKeyToJson({ privateKey }: PrivateKeyToJsonParameters): PaillierPrivateKeyJson {
  assertPrivateKey(privateKey);
  return { scheme: PAILLIER_SCHEME, p: privateKey.p.toString(10), q: privateKey.q.toString(10) };
}
