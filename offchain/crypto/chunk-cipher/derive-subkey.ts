import { hkdfSync } from "node:crypto";
import { FILE_KEY_BYTES } from "./constants.js";

/**
 * HKDF-SHA256 (RFC 5869): IKM = the file key, salt = the 32 file id bytes, info = a label,
 * L = 32. The chunk key and the master-table key use different labels, so a chunk nonce
 * can never meet a master-table nonce under the same key. The caller wipes the result.
 */
export function deriveSubkey(fileKey: Uint8Array, fileIdBytes: Uint8Array, info: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", fileKey, fileIdBytes, info, FILE_KEY_BYTES));
}
