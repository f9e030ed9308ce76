import { createCipheriv, randomBytes } from "node:crypto";
import { assertBytes } from "./assert-bytes.js";
import { assertFileKey } from "./assert-file-key.js";
import { masterTableAad } from "./chunk-aad.js";
import { CHUNK_TAG_BYTES, MASTER_TABLE_KEY_INFO, NONCE_BYTES } from "./constants.js";
import { deriveSubkey } from "./derive-subkey.js";
import { parseFileId } from "./parse-file-id.js";

export interface SealMasterTableParameters {
  fileKey: Uint8Array;
  fileId: string;
  /** The serialized master table (chunk CIDs, hashes, owners). */
  plaintext: Uint8Array;
}

/** 12-byte random nonce ‖ AES-GCM ciphertext ‖ 16-byte tag. */
export type SealMasterTableResult = Uint8Array;

/**
 * Encrypts a file's master table (BlockTorrent §3.2.2) under the master-table subkey
 * (HKDF-SHA256 of the file key, its own label) with a random 96-bit nonce and the
 * associated data "sealedchain/torrent/master-table/v1" ‖ fileId.
 */
export function sealMasterTable({ fileKey, fileId, plaintext }: SealMasterTableParameters): SealMasterTableResult {
  assertFileKey(fileKey);
  const fileIdBytes = parseFileId(fileId);
  assertBytes(plaintext, "plaintext");

  const key = deriveSubkey(fileKey, fileIdBytes, MASTER_TABLE_KEY_INFO);
  try {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: CHUNK_TAG_BYTES });
    cipher.setAAD(masterTableAad(fileIdBytes));
    const head = cipher.update(plaintext);
    const tail = cipher.final();
    const tag = cipher.getAuthTag();
    const out = new Uint8Array(NONCE_BYTES + head.length + tail.length + tag.length);
    out.set(nonce, 0);
    out.set(head, NONCE_BYTES);
    out.set(tail, NONCE_BYTES + head.length);
    out.set(tag, NONCE_BYTES + head.length + tail.length);
    return out;
  } finally {
    key.fill(0);
  }
}
