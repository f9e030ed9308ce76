/**
 * One leaf of a file's share tree: share `index` (1-based) of `fileId` is held by `holder`
 * and hashes (keccak256) to `shareHash`. Matches ITorrentLedger.verifyShare's arguments.
 */
export type ShareLeaf = { fileId: string; index: number; holder: string; shareHash: string };
