import { PrivateKey } from "eciesjs";
import { PRIVATE_KEY_LENGTH } from "./constants.js";
import { InvalidPrivateKeyError } from "./errors.js";

/** Checks a raw secp256k1 private key: 32 bytes, big-endian scalar in [1, n-1]. */
export function parsePrivateKey(privateKey: unknown): PrivateKey {
  if (!(privateKey instanceof Uint8Array)) {
    throw new InvalidPrivateKeyError({ reason: `expected a Uint8Array, got ${privateKey === null ? "null" : typeof privateKey}` });
  }
  if (privateKey.length !== PRIVATE_KEY_LENGTH) {
    throw new InvalidPrivateKeyError({ reason: `expected ${PRIVATE_KEY_LENGTH} bytes, got ${privateKey.length} bytes` });
  }
  try {
    // A copy, so that eciesjs never aliases the caller's buffer.
    return new PrivateKey(Uint8Array.from(privateKey), "secp256k1");
  } catch (cause) {
    throw new InvalidPrivateKeyError({ reason: "the scalar is 0 or not below the curve order n", cause });
  }
}
