/**
 * Leaf types of the share Merkle tree (ITorrentLedger.Registration.shareRoot):
 * (fileId, share index, holder, keccak256(share)).
 */
export const SHARE_LEAF_ENCODING = ["bytes32", "uint256", "address", "bytes32"] as const;
/** Bounds of shamir-secret-sharing 0.0.4 (GF(2^8), x-coordinates 1..255). */
export const MIN_SHARES = 2;
export const MAX_SHARES = 255;
export const MIN_THRESHOLD = 2;
/** A share is the 32-byte key's evaluations plus a 1-byte x-coordinate. */
export const SHARE_BYTES = 33;
/** Share indexes are uint16 on chain (ITorrentLedger.verifyShare). */
export const MAX_SHARE_INDEX = 0xffff;
