import { ChunkAuthenticationError, CHUNK_TAG_BYTES, decryptChunk, encryptChunk } from "../crypto/index.js";
import { DataDecryptionError } from "./errors.js";

/**
 * How a data entry's plaintext is encrypted: the chunk cipher of offchain/crypto (AES-256-GCM,
 * STREAM nonces, HKDF subkey) with the fresh data key as file key and the entry's fingerprint as
 * file id, over 1 MiB chunks. The ciphertext is the chunks' ciphertexts (each + 16-byte tag)
 * end to end; chunk boundaries follow from the plaintext size in the metadata. Reordering,
 * truncating or extending chunks fails authentication (index and last flag are in the nonce).
 */
export const DATA_CIPHER = "sealedchain.chunk-cipher.v1.1mib";
export const DATA_CHUNK_BYTES = 1 << 20;

function chunkCountOf(size: number): number {
  return Math.max(1, Math.ceil(size / DATA_CHUNK_BYTES));
}

/** Length of the ciphertext of `size` plaintext bytes. */
export function ciphertextLengthOf(size: number): number {
  return size + chunkCountOf(size) * CHUNK_TAG_BYTES;
}

export function encryptData({ dataKey, fingerprint, data }: { dataKey: Uint8Array; fingerprint: string; data: Uint8Array }): Uint8Array {
  const count = chunkCountOf(data.length);
  const out = new Uint8Array(ciphertextLengthOf(data.length));
  for (let index = 0; index < count; index++) {
    const plaintext = data.subarray(index * DATA_CHUNK_BYTES, (index + 1) * DATA_CHUNK_BYTES);
    const sealed = encryptChunk({ fileKey: dataKey, fileId: fingerprint, index, last: index === count - 1, plaintext });
    out.set(sealed, index * (DATA_CHUNK_BYTES + CHUNK_TAG_BYTES));
  }
  return out;
}

/** @throws DataDecryptionError wrong length for `size`, wrong key, or any byte changed */
export function decryptData({
  dataKey,
  fingerprint,
  ciphertext,
  size,
  dataCid,
}: {
  dataKey: Uint8Array;
  fingerprint: string;
  ciphertext: Uint8Array;
  size: number;
  dataCid: string;
}): Uint8Array {
  if (ciphertext.length !== ciphertextLengthOf(size)) {
    throw new DataDecryptionError({ dataCid, problem: `expected ${ciphertextLengthOf(size)} bytes for ${size} plaintext bytes, got ${ciphertext.length}` });
  }
  const count = chunkCountOf(size);
  const out = new Uint8Array(size);
  try {
    for (let index = 0; index < count; index++) {
      const start = index * (DATA_CHUNK_BYTES + CHUNK_TAG_BYTES);
      const sealed = ciphertext.subarray(start, Math.min(ciphertext.length, start + DATA_CHUNK_BYTES + CHUNK_TAG_BYTES));
      out.set(decryptChunk({ fileKey: dataKey, fileId: fingerprint, index, last: index === count - 1, ciphertext: sealed }), index * DATA_CHUNK_BYTES);
    }
  } catch (error) {
    out.fill(0);
    if (error instanceof ChunkAuthenticationError) {
      throw new DataDecryptionError({ dataCid, problem: `chunk ${error.index} does not authenticate (wrong data key, or tampered with)` }, { cause: error });
    }
    throw error;
  }
  return out;
}
