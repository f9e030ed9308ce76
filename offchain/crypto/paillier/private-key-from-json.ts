import { parseJsonObject } from "./parse-json-object.js";
import { privateKeyFromPrimes } from "./private-key-from-primes.js";
import type { PaillierPrivateKey } from "./types.js";

export interface PrivateKeyFromJsonParameters {
  /** A JSON string or parsed object `{ scheme: "paillier-g=n+1", p: "<decimal>", q: "<decimal>" }`. */
  json: unknown;
  allowInsecureKeySize?: boolean;
}

/** Reads a private key written by privateKeyToJson; validates it like privateKeyFromPrimes. */
export function privateKeyFromJson({ json, allowInsecureKeySize = false }: PrivateKeyFromJsonParameters): PaillierPrivateKey {
  const { p, q } = parseJsonObject(json, ["p", "q"]);
  return privateKeyFromPrimes({ p, q, allowInsecureKeySize });
}
