import { createHash } from "node:crypto";

import { getAddress } from "ethers";

import { encryptToMember, fetchFromMember } from "../chain/index.js";
import { openEnvelope } from "../crypto/index.js";
import { placeChunk } from "../storage/index.js";
import { chunkReceiptDomain, signChunkReceipt } from "./chunk-receipt.js";
import { decodeAssignment, encodeReceipts, type ChunkReceiptEntry } from "./documents.js";
import { TorrentHashMismatchError, TorrentStateError } from "./errors.js";
import { DEFAULT_FETCH_TIMEOUT_MS, TORRENT_CONTEXTS, type TorrentParty } from "./torrent-party.js";

export type AcceptAssignmentResult = { chunks: number; txHash?: string };

/**
 * A chunk owner's side of storing (paper step 3b + acknowledgement): opens the assignment
 * the file's owner encrypted to it, fetches and pins each chunk from the owner's node over
 * bitswap, checks its SHA-256 and that three-hash placement over the announced member list
 * really puts the chunk on this member (an owner cannot dump chunks on anyone it likes),
 * signs an EIP-712 receipt per chunk, sends the receipts encrypted to the owner and
 * acknowledges on chain. Idempotent: does nothing once acknowledged.
 */
export async function acceptAssignment({ party, fileId, assignmentCid }: { party: TorrentParty; fileId: string; assignmentCid: string }): Promise<AcceptAssignmentResult> {
  const { ledger, registry, store } = party;
  const self = getAddress(party.address);
  if (await ledger.isAcknowledged(fileId, self)) return { chunks: 0 };
  const record = await ledger.file(fileId);
  if (Number(record.status) !== 1) throw new TorrentStateError({ what: `file ${fileId}`, expected: "status Announced", got: `status ${record.status}` });
  const owner = getAddress(record.owner);
  const timeoutMs = party.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const envelope = await fetchFromMember({ registry, store, member: owner, cid: assignmentCid, timeoutMs });
  const assignment = decodeAssignment(openEnvelope({ privateKey: party.encryptionPrivateKey, envelope, context: TORRENT_CONTEXTS.assignment }));
  if (assignment.fileId !== fileId || assignment.owner !== owner || assignment.chunkOwner !== self) {
    throw new TorrentStateError({ what: `assignment ${assignmentCid}`, expected: `file ${fileId} from ${owner} to ${self}`, got: `file ${assignment.fileId} from ${assignment.owner} to ${assignment.chunkOwner}` });
  }
  const [announced] = await ledger.queryFilter(ledger.filters.FileAnnounced(fileId));
  if (announced === undefined) throw new TorrentStateError({ what: `file ${fileId}`, expected: "a FileAnnounced event", got: "none" });
  const candidates = announced.args.placementMembers.map((m) => getAddress(m));

  const domain = chunkReceiptDomain({ chainId: (await party.signer.provider!.getNetwork()).chainId, ledger: await ledger.getAddress() });
  const receipts: ChunkReceiptEntry[] = [];
  for (const chunk of assignment.chunks) {
    if (chunk.index >= Number(record.chunkCount)) throw new TorrentStateError({ what: `assignment ${assignmentCid}`, expected: `chunk indexes below ${record.chunkCount}`, got: String(chunk.index) });
    const bytes = await fetchFromMember({ registry, store, member: owner, cid: chunk.cid, timeoutMs });
    const hash = `0x${createHash("sha256").update(bytes).digest("hex")}`;
    if (hash !== chunk.hash || bytes.length !== chunk.size) throw new TorrentHashMismatchError({ what: `file ${fileId} chunk ${chunk.index} (${chunk.cid})`, expected: `${chunk.hash} (${chunk.size} B)`, got: `${hash} (${bytes.length} B)` });
    if (!placeChunk({ ciphertext: bytes, candidates }).includes(self)) {
      throw new TorrentStateError({ what: `file ${fileId} chunk ${chunk.index}`, expected: `three-hash placement to include ${self}`, got: "another placement" });
    }
    await store.pin(chunk.cid, { timeoutMs });
    const receipt = { fileId, index: chunk.index, chunkHash: chunk.hash, cid: chunk.cid };
    receipts.push({ index: chunk.index, chunkHash: chunk.hash, cid: chunk.cid, signature: await signChunkReceipt({ signer: party.signer, domain, receipt }) });
  }
  const sealed = await encryptToMember({ registry, member: owner, plaintext: encodeReceipts({ fileId, chunkOwner: self, receipts }), context: TORRENT_CONTEXTS.receipts });
  const receiptsCid = await store.put(sealed);
  const receipt = await (await ledger.acknowledgeChunks(fileId, receipts.length, receiptsCid)).wait();
  return { chunks: receipts.length, txHash: receipt!.hash };
}
