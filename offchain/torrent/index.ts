// Public surface of offchain/torrent: BlockTorrent (Hill et al.) — storing a file encrypted
// across members, and an audit that rebuilds it without the owner. One function per step.
export * from "./errors.js";
export { TORRENT_CONTEXTS, DEFAULT_FETCH_TIMEOUT_MS, type TorrentParty } from "./torrent-party.js";
export * from "./documents.js";
export { CHUNK_RECEIPT_TYPES, chunkReceiptDomain, recoverChunkReceiptSigner, signChunkReceipt, type ChunkReceipt } from "./chunk-receipt.js";
export { storeFile, type StoreFileParameters, type StoreFileResult, type TorrentProgress } from "./store-file.js";
export { acceptAssignment, type AcceptAssignmentResult } from "./accept-assignment.js";
export { acceptShare, openShare, type AcceptShareResult } from "./accept-share.js";
export { releaseShares, type ReleaseSharesResult } from "./release-share.js";
export { retrieveFile, type RetrieveFileParameters, type RetrieveFileResult } from "./retrieve-file.js";
export { BALLOT_STATES, readAuditStatus, requestAudit, voteOnAudit, type AuditStatus, type VoteOnAuditResult } from "./audits.js";
export { FILE_STATUSES, listFiles, type TorrentFileSummary } from "./list-files.js";
export { readSavedMasterTable, saveMasterTable, torrentFilesDirectory } from "./stored-files.js";
export { fetchFromFirst } from "./fetch-from-first.js";
export { DEPOSIT_ACTIONS, changeDeposit, proposePenalty, recordMissedReleases, type DepositAction } from "./deposits.js";
