/** Length of a file key (AES-256). */
export const FILE_KEY_BYTES = 32;
/** Length of the AES-GCM tag appended to every chunk ciphertext and to the master table. */
export const CHUNK_TAG_BYTES = 16;
/** AES-GCM nonce length (96 bits, NIST SP 800-38D §8.2). */
export const NONCE_BYTES = 12;
/** Length of a file id (bytes32). */
export const FILE_ID_BYTES = 32;
/** Largest chunk index: the index is a uint32 in the nonce. */
export const MAX_CHUNK_INDEX = 0xffff_ffff;

/** HKDF-SHA256 `info` labels of the two subkeys derived from a file key. */
export const CHUNK_KEY_INFO = "sealedchain/torrent/chunks/v1";
export const MASTER_TABLE_KEY_INFO = "sealedchain/torrent/master-table/v1";

/** Leading labels of the AES-GCM associated data. */
export const CHUNK_AAD_LABEL = "sealedchain/torrent/chunk/v1";
export const MASTER_TABLE_AAD_LABEL = "sealedchain/torrent/master-table/v1";

/** First value of the abi-encoded key commitment (see ITorrentLedger.Registration.keyCommitment). */
export const KEY_COMMITMENT_DOMAIN = "SealedChain.torrent.key-commitment.v1";
