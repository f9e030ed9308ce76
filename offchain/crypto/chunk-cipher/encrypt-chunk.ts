import { createCipheriv } from "node:crypto";
import { assertChunkIndex, assertLastFlag } from "./assert-chunk-index.js";
import { assertBytes } from "./assert-bytes.js";
import { assertFileKey } from "./assert-file-key.js";
import { chunkAad } from "./chunk-aad.js";
import { chunkNonce } from "./chunk-nonce.js";
import { CHUNK_KEY_INFO, CHUNK_TAG_BYTES } from "./constants.js";
import { deriveSubkey } from "./derive-subkey.js";
import { parseFileId } from "./parse-file-id.js";

export interface EncryptChunkParameters {
  fileKey: Uint8Array;
  /** "0x" + 64 hex digits. */
  fileId: string;
  /** 0-based chunk index, a uint32. */
  index: number;
  /** Whether this is the file's final chunk. */
  last: boolean;
  plaintext: Uint8Array;
}

/** AES-GCM ciphertext ‖ 16-byte tag (same length as the plaintext + 16). */
export type EncryptChunkResult = Uint8Array;

/**
 * Encrypts one chunk of a file (BlockTorrent §3.2.1, each chunk encrypted before it is
 * placed): AES-256-GCM under the file's chunk key (HKDF-SHA256 of the file key), the
 * STREAM nonce of (index, last) and associated data binding fileId, index and last.
 */
export function encryptChunk({ fileKey, fileId, index, last, plaintext }: EncryptChunkParameters): EncryptChunkResult {
  assertFileKey(fileKey);
  const fileIdBytes = parseFileId(fileId);
  assertChunkIndex(index);
  assertLastFlag(last);
  assertBytes(plaintext, "plaintext");

  const key = deriveSubkey(fileKey, fileIdBytes, CHUNK_KEY_INFO);
  try {
    const cipher = createCipheriv("aes-256-gcm", key, chunkNonce(index, last), { authTagLength: CHUNK_TAG_BYTES });
    cipher.setAAD(chunkAad(fileIdBytes, index, last));
    const head = cipher.update(plaintext);
    const tail = cipher.final();
    const tag = cipher.getAuthTag();
    const out = new Uint8Array(head.length + tail.length + tag.length);
    out.set(head, 0);
    out.set(tail, head.length);
    out.set(tag, head.length + tail.length);
    return out;
  } finally {
    key.fill(0);
  }
}
