/** Chunk owners per chunk: one per hash of the three-hash placement (BlockTorrent §3.2.1). */
export const CHUNK_OWNERS = 3;
/** Domain label of the share-holder digest. */
export const SHARE_HOLDER_LABEL = "sealedchain/torrent/share-holder/v1";
/** Share indexes are 1..255 (shamir-secret-sharing) and encoded as uint16 in the digest. */
export const MAX_SHARE_HOLDERS = 255;
