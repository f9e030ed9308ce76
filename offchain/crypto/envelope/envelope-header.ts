import { ENVELOPE_MAGIC, ENVELOPE_VERSION, HEADER_LENGTH } from "./constants.js";

/** The 4-byte header of a version-1 envelope (also the AES-GCM associated data). */
export function envelopeHeader(): Uint8Array {
  const header = new Uint8Array(HEADER_LENGTH);
  header.set(ENVELOPE_MAGIC, 0);
  header[ENVELOPE_MAGIC.length] = ENVELOPE_VERSION;
  return header;
}
