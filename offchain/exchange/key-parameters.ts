import { getBytes, isHexString } from "ethers";

import { FILE_KEY_BYTES, validatePublicKey } from "../crypto/index.js";
import { ExchangeParameterError } from "./errors.js";

/** A registry profile's encryption key (0x hex, compressed or uncompressed secp256k1) as bytes. */
export function publicKeyOf(encryptionKey: string, parameter: string): Uint8Array {
  if (typeof encryptionKey !== "string" || !isHexString(encryptionKey)) throw new ExchangeParameterError({ parameter, problem: `expected 0x hex, got ${JSON.stringify(encryptionKey)}` });
  try {
    return validatePublicKey(getBytes(encryptionKey));
  } catch (error) {
    throw new ExchangeParameterError({ parameter, problem: `not a secp256k1 public key: ${(error as Error).message}` });
  }
}

export function assertDataKey(value: unknown, parameter: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== FILE_KEY_BYTES) {
    throw new ExchangeParameterError({ parameter, problem: `expected ${FILE_KEY_BYTES} bytes` });
  }
}
