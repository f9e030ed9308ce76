import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";

import { getAddress, hexlify, keccak256 } from "ethers";

import { encryptToMember, fetchFromMember } from "../chain/index.js";
import { buildShareTree, encryptChunk, openEnvelope, generateFileId, generateFileKey, keyCommitment, sealMasterTable, shareHash, splitFileKey } from "../crypto/index.js";
import { placeChunk, placeShareHolders, placementCandidates, planChunks, readFileChunks } from "../storage/index.js";
import { chunkReceiptDomain, recoverChunkReceiptSigner } from "./chunk-receipt.js";
import { decodeReceipts, encodeAssignment, encodeMasterTable, encodeShareDocument, type ChunkRef, type MasterTable, type MasterTableChunk } from "./documents.js";
import { AcknowledgementTimeoutError, ReceiptMismatchError, TorrentParameterError } from "./errors.js";
import { DEFAULT_FETCH_TIMEOUT_MS, TORRENT_CONTEXTS, type TorrentParty } from "./torrent-party.js";
import { waitUntil } from "./wait-until.js";

export type TorrentProgress = { phase: "encrypt" | "acknowledge" | "confirm-shares"; done: number; total: number };

export type StoreFileParameters = {
  party: TorrentParty;
  file: string;
  /** Exactly one of `chunks` (count) and `chunkSize` (bytes); default 10 chunks. */
  chunks?: number;
  chunkSize?: number;
  /** n, the number of key shares; default every other member (at most 255). */
  shares?: number;
  /** k, shares needed to rebuild the key; default a majority of n. */
  threshold?: number;
  /** How long to wait for chunk owners' acknowledgements and holders' confirmations; default 5 min. */
  waitMs?: number;
  /** How often the chain is checked for those acknowledgements and confirmations; default 250 ms. */
  pollIntervalMs?: number;
  onProgress?: (progress: TorrentProgress) => void;
};

export type StoreFileResult = {
  fileId: string;
  masterTable: MasterTable;
  masterTableCid: string;
  holders: string[];
  threshold: number;
  txHashes: { announce: string; register: string };
};

/**
 * BlockTorrent's storing steps (paper section 3.2.3), run by the file's owner:
 * 1. encrypt the file chunk by chunk under a fresh key (streamed; one chunk in memory) and
 *    put each encrypted chunk in the owner's node;
 * 2. place each chunk on min(3, members) other members by three-hash sharding and announce
 *    the file with one assignment envelope per chunk owner;
 * 3. wait until every chunk owner's agent pinned its chunks and acknowledged on chain; check
 *    each signed receipt;
 * 4. seal the master table (chunks, owners, receipts) with the file key and put it;
 * 5. split the key k-of-n (Shamir), build the Merkle tree of the shares, encrypt each share
 *    to its holder, and register the file (commitment, root, holders) on chain;
 * 6. wait until the holders' agents verified their shares and took copies of them and of
 *    the master table, so the owner may go offline.
 * The key itself is never written anywhere.
 */
export async function storeFile({ party, file, chunks, chunkSize, shares, threshold, waitMs = 300_000, pollIntervalMs = 250, onProgress }: StoreFileParameters): Promise<StoreFileResult> {
  const { ledger, registry } = party;
  const self = getAddress(party.address);
  const fileSize = (await stat(file).catch(() => {
    throw new TorrentParameterError({ name: "file", problem: `${file} cannot be read` });
  })).size;
  const plan = planChunks({ fileSize, ...(chunkSize === undefined ? { chunks: chunks ?? 10 } : { chunkSize }) });
  const candidates = placementCandidates({ members: [...(await registry.members())], exclude: self });
  if (candidates.length < 2) throw new TorrentParameterError({ name: "members", problem: `at least 2 other members are needed to hold chunks and key shares, the consortium has ${candidates.length}` });
  const shareCount = shares ?? Math.min(candidates.length, 255);
  const k = threshold ?? Math.floor(shareCount / 2) + 1;

  const fileId = generateFileId();
  const fileKey = generateFileKey();
  try {
    // 1–2. Encrypt, put, place.
    const fileHash = createHash("sha256");
    const table: MasterTableChunk[] = [];
    for await (const { index, last, plaintext } of readFileChunks({ file, plan })) {
      fileHash.update(plaintext);
      const ciphertext = encryptChunk({ fileKey, fileId, index, last, plaintext });
      const cid = await party.store.put(ciphertext);
      const hash = `0x${createHash("sha256").update(ciphertext).digest("hex")}`;
      table.push({ index, cid, size: ciphertext.length, hash, owners: placeChunk({ ciphertext, candidates }), receipts: [] });
      onProgress?.({ phase: "encrypt", done: index + 1, total: plan.chunkCount });
    }
    const chunkOwners = candidates.filter((member) => table.some((chunk) => chunk.owners.includes(member)));
    const assignmentCids: string[] = [];
    for (const chunkOwner of chunkOwners) {
      const assigned: ChunkRef[] = table.filter((c) => c.owners.includes(chunkOwner)).map(({ index, cid, size, hash }) => ({ index, cid, size, hash }));
      const envelope = await encryptToMember({ registry, member: chunkOwner, plaintext: encodeAssignment({ fileId, owner: self, chunkOwner, chunks: assigned }), context: TORRENT_CONTEXTS.assignment });
      assignmentCids.push(await party.store.put(envelope));
    }
    const announce = await (await ledger.announceFile(fileId, plan.chunkCount, candidates, chunkOwners, assignmentCids)).wait();

    // 3. Acknowledgements and receipts.
    const acknowledged = new Set<string>();
    await waitUntil({
      timeoutMs: waitMs,
      intervalMs: pollIntervalMs,
      check: async () => {
        for (const owner of chunkOwners) if (!acknowledged.has(owner) && (await ledger.isAcknowledged(fileId, owner))) acknowledged.add(owner);
        onProgress?.({ phase: "acknowledge", done: acknowledged.size, total: chunkOwners.length });
        return acknowledged.size === chunkOwners.length;
      },
      onTimeout: () => new AcknowledgementTimeoutError({ fileId, missing: chunkOwners.filter((o) => !acknowledged.has(o)), waitedMs: waitMs }),
    });
    const domain = chunkReceiptDomain({ chainId: (await party.signer.provider!.getNetwork()).chainId, ledger: await ledger.getAddress() });
    for (const event of await ledger.queryFilter(ledger.filters.ChunksAcknowledged(fileId))) {
      const chunkOwner = getAddress(event.args.chunkOwner);
      const envelope = await fetchFromMember({ registry, store: party.store, member: chunkOwner, cid: event.args.receiptsCid, timeoutMs: party.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS });
      const receipts = decodeReceipts(openEnvelope({ privateKey: party.encryptionPrivateKey, envelope, context: TORRENT_CONTEXTS.receipts }));
      const mine = table.filter((c) => c.owners.includes(chunkOwner));
      if (receipts.fileId !== fileId || receipts.chunkOwner !== chunkOwner || receipts.receipts.length !== mine.length) {
        throw new ReceiptMismatchError({ fileId, owner: chunkOwner, problem: `expected ${mine.length} receipts for this file and owner, got ${receipts.receipts.length} for ${receipts.fileId} by ${receipts.chunkOwner}` });
      }
      for (const receipt of receipts.receipts) {
        const chunk = mine.find((c) => c.index === receipt.index);
        if (chunk === undefined || chunk.hash !== receipt.chunkHash || chunk.cid !== receipt.cid) {
          throw new ReceiptMismatchError({ fileId, owner: chunkOwner, problem: `receipt for chunk ${receipt.index} does not match the chunk placed on it` });
        }
        const signer = recoverChunkReceiptSigner({ domain, receipt: { fileId, index: receipt.index, chunkHash: receipt.chunkHash, cid: receipt.cid }, signature: receipt.signature });
        if (signer !== chunkOwner) throw new ReceiptMismatchError({ fileId, owner: chunkOwner, problem: `receipt for chunk ${receipt.index} is signed by ${signer}` });
        chunk.receipts.push({ owner: chunkOwner, signature: receipt.signature });
      }
    }
    for (const chunk of table) chunk.receipts.sort((a, b) => chunk.owners.indexOf(a.owner) - chunk.owners.indexOf(b.owner));

    // 4. Master table.
    const masterTable: MasterTable = {
      fileId,
      owner: self,
      createdAt: Math.floor(Date.now() / 1000),
      fileSize,
      fileHash: `0x${fileHash.digest("hex")}`,
      chunkCount: plan.chunkCount,
      placementMembers: candidates,
      chunks: table,
    };
    const sealedTable = sealMasterTable({ fileKey, fileId, plaintext: encodeMasterTable(masterTable) });
    const masterTableCid = await party.store.put(sealedTable);

    // 5. Key shares under a Merkle root.
    const holders = placeShareHolders({ fileId, candidates, shares: shareCount });
    const keyShares = await splitFileKey({ fileKey, shares: shareCount, threshold: k });
    const leaves = keyShares.map((share, i) => ({ fileId, index: i + 1, holder: holders[i]!, shareHash: shareHash(share) }));
    const tree = buildShareTree(leaves);
    const shareCids: string[] = [];
    for (const [i, share] of keyShares.entries()) {
      const document = encodeShareDocument({ fileId, index: i + 1, holder: holders[i]!, share: hexlify(share), proof: tree.proofOf(i + 1) });
      const envelope = await encryptToMember({ registry, member: holders[i]!, plaintext: document, context: TORRENT_CONTEXTS.share });
      shareCids.push(await party.store.put(envelope));
    }
    const register = await (
      await ledger.registerFile(fileId, {
        fileHash: masterTable.fileHash,
        masterTableHash: keccak256(sealedTable),
        masterTableCid,
        keyCommitment: keyCommitment({ fileId, fileKey }),
        shareRoot: tree.root,
        threshold: k,
        holders,
        shareCids,
      })
    ).wait();

    // 6. Holders confirm they verified and copied their share and the master table.
    const confirmed = new Set<number>();
    await waitUntil({
      timeoutMs: waitMs,
      intervalMs: pollIntervalMs,
      check: async () => {
        for (let index = 1; index <= shareCount; index++) if (!confirmed.has(index) && (await ledger.isShareAcknowledged(fileId, index))) confirmed.add(index);
        onProgress?.({ phase: "confirm-shares", done: confirmed.size, total: shareCount });
        return confirmed.size === shareCount;
      },
      onTimeout: () =>
        new AcknowledgementTimeoutError({ fileId, missing: holders.filter((_, i) => !confirmed.has(i + 1)).map((h) => `${h} (key share holder)`), waitedMs: waitMs }),
    });
    return { fileId, masterTable, masterTableCid, holders, threshold: k, txHashes: { announce: announce!.hash, register: register!.hash } };
  } finally {
    fileKey.fill(0);
  }
}
