import { CHUNK_AAD_LABEL, MASTER_TABLE_AAD_LABEL } from "./constants.js";

const encoder = new TextEncoder();

/** AES-GCM associated data of a chunk: UTF-8 label ‖ fileId (32 B) ‖ uint32 index BE ‖ last (1 B). */
export function chunkAad(fileIdBytes: Uint8Array, index: number, last: boolean): Uint8Array {
  const label = encoder.encode(CHUNK_AAD_LABEL);
  const aad = new Uint8Array(label.length + fileIdBytes.length + 5);
  aad.set(label, 0);
  aad.set(fileIdBytes, label.length);
  new DataView(aad.buffer).setUint32(label.length + fileIdBytes.length, index, false);
  aad[aad.length - 1] = last ? 1 : 0;
  return aad;
}

/** AES-GCM associated data of the master table: UTF-8 label ‖ fileId (32 B). */
export function masterTableAad(fileIdBytes: Uint8Array): Uint8Array {
  const label = encoder.encode(MASTER_TABLE_AAD_LABEL);
  const aad = new Uint8Array(label.length + fileIdBytes.length);
  aad.set(label, 0);
  aad.set(fileIdBytes, label.length);
  return aad;
}
