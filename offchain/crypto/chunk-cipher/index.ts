export { generateFileKey } from "./generate-file-key.js";
export { generateFileId } from "./generate-file-id.js";
export { encryptChunk } from "./encrypt-chunk.js";
export type { EncryptChunkParameters, EncryptChunkResult } from "./encrypt-chunk.js";
export { decryptChunk } from "./decrypt-chunk.js";
export type { DecryptChunkParameters, DecryptChunkResult } from "./decrypt-chunk.js";
export { sealMasterTable } from "./seal-master-table.js";
export type { SealMasterTableParameters, SealMasterTableResult } from "./seal-master-table.js";
export { openMasterTable } from "./open-master-table.js";
export type { OpenMasterTableParameters, OpenMasterTableResult } from "./open-master-table.js";
export { keyCommitment } from "./key-commitment.js";
export type { KeyCommitmentParameters } from "./key-commitment.js";
export {
  CHUNK_AAD_LABEL,
  CHUNK_KEY_INFO,
  CHUNK_TAG_BYTES,
  FILE_KEY_BYTES,
  KEY_COMMITMENT_DOMAIN,
  MASTER_TABLE_AAD_LABEL,
  MASTER_TABLE_KEY_INFO,
} from "./constants.js";
export {
  ChunkAuthenticationError,
  ChunkCipherError,
  InvalidChunkCipherParameterError,
  MasterTableAuthenticationError,
} from "./errors.js";
