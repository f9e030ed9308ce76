import { PublicKey } from "eciesjs";
import { InvalidPublicKeyError } from "./errors.js";

/**
 * Checks a SEC1-encoded secp256k1 public key (33-byte compressed 0x02/0x03 or
 * 65-byte uncompressed 0x04) and that it is a point on the curve (SEC 1 v2 §2.3.4).
 */
export function parsePublicKey(publicKey: unknown): PublicKey {
  if (!(publicKey instanceof Uint8Array)) {
    throw new InvalidPublicKeyError({ reason: `expected a Uint8Array, got ${publicKey === null ? "null" : typeof publicKey}` });
  }
  const prefix = publicKey[0];
  if (publicKey.length === 33) {
    if (prefix !== 0x02 && prefix !== 0x03) {
      throw new InvalidPublicKeyError({ reason: `a 33-byte compressed key must start with 0x02 or 0x03, got 0x${hexByte(prefix)}` });
    }
  } else if (publicKey.length === 65) {
    if (prefix !== 0x04) {
      throw new InvalidPublicKeyError({ reason: `a 65-byte uncompressed key must start with 0x04, got 0x${hexByte(prefix)}` });
    }
  } else {
    throw new InvalidPublicKeyError({
      reason: `expected 33 bytes (compressed) or 65 bytes (uncompressed), got ${publicKey.length} bytes`,
    });
  }
  try {
    return new PublicKey(Uint8Array.from(publicKey), "secp256k1");
  } catch (cause) {
    throw new InvalidPublicKeyError({ reason: "the bytes do not encode a point on secp256k1", cause });
  }
}

function hexByte(value: number | undefined): string {
  return (value ?? 0).toString(16).padStart(2, "0");
}
