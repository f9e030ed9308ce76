import { parsePublicKey } from "./parse-public-key.js";

/**
 * Validates a secp256k1 encryption public key (33-byte compressed or 65-byte
 * uncompressed, on the curve) and returns its 33-byte compressed form.
 * Throws InvalidPublicKeyError naming what was wrong.
 */
export function validatePublicKey(publicKey: Uint8Array): Uint8Array {
  return Uint8Array.from(parsePublicKey(publicKey).toBytes(true));
}
