import { NONCE_BYTES } from "./constants.js";

/**
 * The 12-byte nonce of chunk `index`: 7 zero bytes ‖ uint32 index (big-endian) ‖ last flag
 * (0x00 or 0x01). This is the nonce-based STREAM construction (Hoang, Reyhanitabar, Rogaway,
 * Vizár, "Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015,
 * §7) with an empty per-stream prefix: the key is unique per file (derived from a fresh
 * random file key), so the prefix is not needed. The flag marks the final chunk, so dropping
 * trailing chunks (truncation) or appending chunks fails authentication.
 */
export function chunkNonce(index: number, last: boolean): Uint8Array {
  const nonce = new Uint8Array(NONCE_BYTES);
  new DataView(nonce.buffer).setUint32(7, index, false);
  nonce[11] = last ? 1 : 0;
  return nonce;
}
