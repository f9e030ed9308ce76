import { createHash } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";

import { getAddress, getBytes, keccak256 } from "ethers";

import { fetchFromMember } from "../chain/index.js";
import { combineFileKeyShares, decryptChunk, keyCommitment, openEnvelope, openMasterTable, shareHash } from "../crypto/index.js";
import { placeChunk } from "../storage/index.js";
import { decodeMasterTable, decodeReleasedShare, type MasterTable } from "./documents.js";
import { ChunkUnavailableError, KeyCommitmentMismatchError, NotEnoughSharesError, TorrentHashMismatchError, TorrentStateError, type ChunkAttempt } from "./errors.js";
import { fetchFromFirst } from "./fetch-from-first.js";
import { DEFAULT_FETCH_TIMEOUT_MS, TORRENT_CONTEXTS, type TorrentParty } from "./torrent-party.js";

/** Upper bound of a sealed master table fetched from a holder. */
const MAX_MASTER_TABLE_BYTES = 64 * 1024 * 1024;

export type RetrieveFileParameters = {
  party: TorrentParty;
  auditId: bigint;
  /** Where the plaintext goes (written to `<out>.partial`, renamed once the file hash matches). */
  out: string;
  /** Chunks fetched at the same time (they are still written in order); default 4. */
  parallel?: number;
  /** Record on chain every chunk owner that failed to serve (default true). */
  reportUnserved?: boolean;
  /** Called with done = 0 just before the first chunk is requested, then after each chunk is written. */
  onProgress?: (progress: { phase: "chunks"; done: number; total: number }) => void;
};

export type RetrieveFileResult = {
  fileId: string;
  fileSize: number;
  sharesUsed: number;
  /** Failed attempts that a fallback to the next owner (or holder) covered. */
  fallbacks: (ChunkAttempt & { index: number | "master table" })[];
  /** Every chunk's owners are what three-hash placement over the announced members gives. */
  placementVerified: boolean;
  reportTxHashes: string[];
  masterTable: MasterTable;
};

/**
 * The auditor's retrieval (paper section 3.2.4), with no help from the file's owner:
 * 1. collect the shares holders released to this audit, each opened with the auditor's key
 *    and checked against the share hash the ledger verified under the Merkle root;
 * 2. rebuild the key from them (at least k) and check it against the key commitment;
 * 3. fetch the sealed master table from a holder (keccak256 against the chain), open it;
 * 4. fetch each chunk directly from one of its owners, falling back to the next owner when
 *    one is down or serves bytes whose SHA-256 is not the table's; decrypt (AES-GCM binds
 *    file id, index and last flag) and append;
 * 5. check SHA-256 of the whole plaintext against the chain, then rename into place;
 * 6. record on chain the chunk owners that failed to serve.
 * @throws NotEnoughSharesError (fewer than k valid shares so far), KeyCommitmentMismatchError,
 * TorrentHashMismatchError, ChunkUnavailableError (names the chunk and each owner tried)
 */
export async function retrieveFile({ party, auditId, out, parallel = 4, reportUnserved = true, onProgress }: RetrieveFileParameters): Promise<RetrieveFileResult> {
  const { ledger, registry, store } = party;
  const self = getAddress(party.address);
  const audit = await ledger.audit(auditId);
  if (audit.auditor === "0x0000000000000000000000000000000000000000") throw new TorrentStateError({ what: `audit ${auditId}`, expected: "an audit requested on chain", got: "none" });
  if (getAddress(audit.auditor) !== self) throw new TorrentStateError({ what: `audit ${auditId}`, expected: `requested by ${self}`, got: `requested by ${audit.auditor}` });
  if (audit.approvedAt === 0n) throw new TorrentStateError({ what: `audit ${auditId}`, expected: "approved by the members' vote", got: "not approved (yet)" });
  const fileId = audit.fileId;
  const record = await ledger.file(fileId);
  const timeoutMs = party.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;

  // 1–2. Shares → key.
  const shares: Uint8Array[] = [];
  const rejected: string[] = [];
  for (const event of await ledger.queryFilter(ledger.filters.ShareReleased(auditId))) {
    const { holder, index, shareHash: expected, releasedCid } = event.args;
    try {
      const envelope = await fetchFromMember({ registry, store, member: holder, cid: releasedCid, timeoutMs });
      const released = decodeReleasedShare(openEnvelope({ privateKey: party.encryptionPrivateKey, envelope, context: TORRENT_CONTEXTS.releasedShare }));
      const share = getBytes(released.share);
      if (released.auditId !== auditId.toString() || released.fileId !== fileId || released.index !== Number(index)) throw new Error(`envelope is for audit ${released.auditId}, share ${released.index}`);
      if (shareHash(share) !== expected) throw new Error(`share hash ${shareHash(share)} is not the verified ${expected}`);
      shares.push(share);
    } catch (error) {
      rejected.push(`share ${index} from ${holder}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const need = Number(record.threshold);
  if (shares.length < need) throw new NotEnoughSharesError({ auditId, have: shares.length, need, rejected });
  const fileKey = await combineFileKeyShares(shares);
  try {
    const commitment = keyCommitment({ fileId, fileKey });
    if (commitment !== record.keyCommitment) throw new KeyCommitmentMismatchError({ fileId, expected: record.keyCommitment, got: commitment });

    // 3. Master table from the holders.
    const fallbacks: RetrieveFileResult["fallbacks"] = [];
    const holders = (await ledger.holders(fileId)).map((h) => getAddress(h));
    const sealed = await fetchFromFirst({
      party,
      members: holders,
      cid: record.masterTableCid,
      maxBytes: MAX_MASTER_TABLE_BYTES,
      check: (bytes) => (keccak256(bytes) === record.masterTableHash ? undefined : `served bytes with keccak256 ${keccak256(bytes)}, expected ${record.masterTableHash}`),
    });
    fallbacks.push(...sealed.attempts.map((a) => ({ ...a, index: "master table" as const })));
    if (sealed.bytes === undefined) throw new ChunkUnavailableError({ fileId, index: -1, attempts: sealed.attempts });
    const table = decodeMasterTable(openMasterTable({ fileKey, fileId, sealed: sealed.bytes }));
    if (table.fileId !== fileId || table.chunkCount !== Number(record.chunkCount) || table.fileHash !== record.fileHash) {
      throw new TorrentStateError({ what: `master table of file ${fileId}`, expected: `file ${fileId}, ${record.chunkCount} chunks, hash ${record.fileHash}`, got: `file ${table.fileId}, ${table.chunkCount} chunks, hash ${table.fileHash}` });
    }

    // 4–5. Chunks, in order, a window of `parallel` at a time.
    const partial = `${out}.partial`;
    const handle = await open(partial, "w", 0o600);
    const fileHash = createHash("sha256");
    const unserved = new Map<string, { indexes: number[]; problem: string }>();
    let placementVerified = true;
    let completed = false;
    let reportTxHashes: string[] = [];
    try {
      onProgress?.({ phase: "chunks", done: 0, total: table.chunkCount });
      for (let start = 0; start < table.chunkCount; start += parallel) {
        const window = table.chunks.slice(start, start + parallel);
        const fetched = await Promise.all(
          window.map((chunk) =>
            fetchFromFirst({
              party,
              members: chunk.owners,
              cid: chunk.cid,
              maxBytes: chunk.size,
              check: (bytes) => {
                const hash = `0x${createHash("sha256").update(bytes).digest("hex")}`;
                return hash === chunk.hash && bytes.length === chunk.size ? undefined : `served ${bytes.length} B with SHA-256 ${hash}, expected ${chunk.hash}`;
              },
            }),
          ),
        );
        for (const [i, chunk] of window.entries()) {
          const { bytes, attempts } = fetched[i]!;
          for (const attempt of attempts) {
            fallbacks.push({ ...attempt, index: chunk.index });
            const entry = unserved.get(attempt.owner) ?? { indexes: [], problem: attempt.problem };
            entry.indexes.push(chunk.index);
            unserved.set(attempt.owner, entry);
          }
          if (bytes === undefined) throw new ChunkUnavailableError({ fileId, index: chunk.index, attempts });
          const placed = placeChunk({ ciphertext: bytes, candidates: table.placementMembers });
          if (placed.join() !== chunk.owners.join()) placementVerified = false;
          const plaintext = decryptChunk({ fileKey, fileId, index: chunk.index, last: chunk.index === table.chunkCount - 1, ciphertext: bytes });
          fileHash.update(plaintext);
          await handle.write(plaintext);
          onProgress?.({ phase: "chunks", done: chunk.index + 1, total: table.chunkCount });
        }
      }
      const got = `0x${fileHash.digest("hex")}`;
      if (got !== record.fileHash) throw new TorrentHashMismatchError({ what: `file ${fileId} rebuilt from its chunks`, expected: record.fileHash, got });
      await handle.sync();
      completed = true;
    } finally {
      await handle.close();
      if (completed) await rename(partial, out);
      else await rm(partial, { force: true });
      // 6. Evidence for penalties, whether or not the retrieval succeeded.
      if (reportUnserved) reportTxHashes = await reportUnservedOwners({ party, auditId, unserved });
    }
    return {
      fileId,
      fileSize: table.fileSize,
      sharesUsed: shares.length,
      fallbacks,
      placementVerified,
      reportTxHashes,
      masterTable: table,
    };
  } finally {
    fileKey.fill(0);
  }
}

/** One `reportUnservedChunk` per owner that failed (its first chunk; the evidence lists them all). */
async function reportUnservedOwners({ party, auditId, unserved }: { party: TorrentParty; auditId: bigint; unserved: Map<string, { indexes: number[]; problem: string }> }): Promise<string[]> {
  const hashes: string[] = [];
  for (const [owner, { indexes, problem }] of unserved) {
    const evidence = `did not serve chunk(s) ${indexes.join(", ")}: ${problem}`.slice(0, 300);
    const receipt = await (await party.ledger.reportUnservedChunk(auditId, indexes[0]!, owner, evidence)).wait();
    hashes.push(receipt!.hash);
  }
  return hashes;
}
