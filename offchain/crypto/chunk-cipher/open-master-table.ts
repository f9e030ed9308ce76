import { createDecipheriv } from "node:crypto";
import { assertBytes } from "./assert-bytes.js";
import { assertFileKey } from "./assert-file-key.js";
import { masterTableAad } from "./chunk-aad.js";
import { CHUNK_TAG_BYTES, MASTER_TABLE_KEY_INFO, NONCE_BYTES } from "./constants.js";
import { deriveSubkey } from "./derive-subkey.js";
import { MasterTableAuthenticationError } from "./errors.js";
import { parseFileId } from "./parse-file-id.js";

export interface OpenMasterTableParameters {
  fileKey: Uint8Array;
  fileId: string;
  /** nonce ‖ ciphertext ‖ tag, as returned by sealMasterTable. */
  sealed: Uint8Array;
}

export type OpenMasterTableResult = Uint8Array;

/**
 * Opens a master table sealed by sealMasterTable.
 * @throws MasterTableAuthenticationError wrong key or file id, or any byte changed
 */
export function openMasterTable({ fileKey, fileId, sealed }: OpenMasterTableParameters): OpenMasterTableResult {
  assertFileKey(fileKey);
  const fileIdBytes = parseFileId(fileId);
  assertBytes(sealed, "sealed");
  if (sealed.length < NONCE_BYTES + CHUNK_TAG_BYTES) {
    throw new MasterTableAuthenticationError({
      reason: `expected at least ${NONCE_BYTES + CHUNK_TAG_BYTES} bytes (nonce and tag), got ${sealed.length}`,
    });
  }

  const key = deriveSubkey(fileKey, fileIdBytes, MASTER_TABLE_KEY_INFO);
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const body = sealed.subarray(NONCE_BYTES, sealed.length - CHUNK_TAG_BYTES);
  const tag = sealed.subarray(sealed.length - CHUNK_TAG_BYTES);
  let plaintext: Buffer | undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: CHUNK_TAG_BYTES });
    decipher.setAAD(masterTableAad(fileIdBytes));
    decipher.setAuthTag(tag);
    plaintext = decipher.update(body);
    const tail = decipher.final();
    const out = new Uint8Array(plaintext.length + tail.length);
    out.set(plaintext, 0);
    out.set(tail, plaintext.length);
    return out;
  } catch (cause) {
    throw new MasterTableAuthenticationError({
      reason: "authentication failed (wrong key or file id, or tampered with)",
      cause,
    });
  } finally {
    key.fill(0);
    plaintext?.fill(0);
  }
}
