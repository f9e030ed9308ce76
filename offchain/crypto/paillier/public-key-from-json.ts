import { parseJsonObject } from "./parse-json-object.js";
import { publicKeyFromN } from "./public-key-from-n.js";
import type { PaillierPublicKey } from "./types.js";

export interface PublicKeyFromJsonParameters {
  /** A JSON string or parsed object `{ scheme: "paillier-g=n+1", n: "<decimal>" }`. */
  json: unknown;
  allowInsecureKeySize?: boolean;
}

/** Reads a public key written by publicKeyToJson; validates it like publicKeyFromN. */
export function publicKeyFromJson({ json, allowInsecureKeySize = false }: PublicKeyFromJsonParameters): PaillierPublicKey {
  const { n } = parseJsonObject(json, ["n"]);
  return publicKeyFromN({ n, allowInsecureKeySize });
}
