import { createDecipheriv } from "node:crypto";
import { assertChunkIndex, assertLastFlag } from "./assert-chunk-index.js";
import { assertBytes } from "./assert-bytes.js";
import { assertFileKey } from "./assert-file-key.js";
import { chunkAad } from "./chunk-aad.js";
import { chunkNonce } from "./chunk-nonce.js";
import { CHUNK_KEY_INFO, CHUNK_TAG_BYTES } from "./constants.js";
import { deriveSubkey } from "./derive-subkey.js";
import { ChunkAuthenticationError } from "./errors.js";
import { parseFileId } from "./parse-file-id.js";

export interface DecryptChunkParameters {
  fileKey: Uint8Array;
  fileId: string;
  /** The index the chunk is expected at. */
  index: number;
  /** Whether the chunk is expected to be the final one. */
  last: boolean;
  /** ciphertext ‖ 16-byte tag, as returned by encryptChunk. */
  ciphertext: Uint8Array;
}

export type DecryptChunkResult = Uint8Array;

/**
 * Decrypts and authenticates one chunk made by encryptChunk.
 * @throws ChunkAuthenticationError (naming the index) on a wrong key or file id, a changed
 * byte, a chunk from another index, or the wrong `last` flag; nothing is returned then.
 */
export function decryptChunk({ fileKey, fileId, index, last, ciphertext }: DecryptChunkParameters): DecryptChunkResult {
  assertFileKey(fileKey);
  const fileIdBytes = parseFileId(fileId);
  assertChunkIndex(index);
  assertLastFlag(last);
  assertBytes(ciphertext, "ciphertext");
  if (ciphertext.length < CHUNK_TAG_BYTES) {
    throw new ChunkAuthenticationError({
      index,
      reason: `expected at least ${CHUNK_TAG_BYTES} bytes (the tag), got ${ciphertext.length}`,
    });
  }

  const key = deriveSubkey(fileKey, fileIdBytes, CHUNK_KEY_INFO);
  const body = ciphertext.subarray(0, ciphertext.length - CHUNK_TAG_BYTES);
  const tag = ciphertext.subarray(ciphertext.length - CHUNK_TAG_BYTES);
  let plaintext: Buffer | undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, chunkNonce(index, last), { authTagLength: CHUNK_TAG_BYTES });
    decipher.setAAD(chunkAad(fileIdBytes, index, last));
    decipher.setAuthTag(tag);
    plaintext = decipher.update(body);
    const tail = decipher.final(); // throws when the tag does not match
    const out = new Uint8Array(plaintext.length + tail.length);
    out.set(plaintext, 0);
    out.set(tail, plaintext.length);
    return out;
  } catch (cause) {
    throw new ChunkAuthenticationError({
      index,
      reason: "authentication failed (wrong key or file id, tampered, reordered, or wrong last-chunk flag)",
      cause,
    });
  } finally {
    key.fill(0);
    plaintext?.fill(0); // unauthenticated or already copied
  }
}
