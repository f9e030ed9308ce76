import { Config } from "eciesjs/config";

/**
 * Envelope byte format, version 1 (all offsets in bytes):
 *
 *   0   3  magic "SCE" (0x53 0x43 0x45)
 *   3   1  version (0x01)
 *   4  33  ephemeral secp256k1 public key, SEC1 compressed
 *  37  12  AES-256-GCM nonce (random)
 *  49  16  AES-256-GCM tag
 *  65   n  AES-256-GCM ciphertext of: u8 contextLength ‖ context (UTF-8) ‖ plaintext
 *
 * Bytes 4.. are exactly eciesjs's payload for ENVELOPE_ECIES_CONFIG; the 4-byte
 * header is passed to AES-GCM as associated data, so it is authenticated too.
 */
export const ENVELOPE_MAGIC = Uint8Array.of(0x53, 0x43, 0x45);
export const ENVELOPE_VERSION = 0x01;
export const HEADER_LENGTH = ENVELOPE_MAGIC.length + 1;
export const EPHEMERAL_KEY_LENGTH = 33;
export const NONCE_LENGTH = 12;
export const TAG_LENGTH = 16;
export const MAX_CONTEXT_BYTES = 255;
/** Header + ephemeral key + nonce + tag + the one context-length byte inside the ciphertext. */
export const MIN_ENVELOPE_LENGTH = HEADER_LENGTH + EPHEMERAL_KEY_LENGTH + NONCE_LENGTH + TAG_LENGTH + 1;
export const PRIVATE_KEY_LENGTH = 32;

function createEciesConfig(): Config {
  // Pinned explicitly instead of relying on eciesjs's mutable global ECIES_CONFIG.
  const config = new Config();
  config.ellipticCurve = "secp256k1";
  // Ephemeral key sent compressed (33 bytes instead of 65).
  config.isEphemeralKeyCompressed = true;
  // HKDF-SHA256 input = uncompressed ephemeral point (65) ‖ uncompressed shared point (65),
  // no salt, no info, 32-byte output (eciesjs PrivateKey.encapsulate).
  config.isHkdfKeyCompressed = false;
  config.symmetricAlgorithm = "aes-256-gcm";
  // 96-bit nonce, the length NIST SP 800-38D recommends for GCM.
  config.symmetricNonceLength = 12;
  return Object.freeze(config);
}

export const ENVELOPE_ECIES_CONFIG: Config = createEciesConfig();
