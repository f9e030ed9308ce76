import { createHash } from "node:crypto";

/** The fingerprint of a data entry as the DataRegistry records it: "0x" + SHA-256 of the plaintext (lowercase hex). */
export function fingerprintOf(data: Uint8Array): string {
  return `0x${createHash("sha256").update(data).digest("hex")}`;
}
