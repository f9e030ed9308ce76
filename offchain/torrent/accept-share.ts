import { getAddress, getBytes, keccak256 } from "ethers";

import { fetchFromMember } from "../chain/index.js";
import { openEnvelope, shareHash } from "../crypto/index.js";
import { decodeShareDocument, type ShareDocument } from "./documents.js";
import { TorrentHashMismatchError, TorrentStateError } from "./errors.js";
import { DEFAULT_FETCH_TIMEOUT_MS, TORRENT_CONTEXTS, type TorrentParty } from "./torrent-party.js";

export type AcceptShareResult = { verified: boolean; txHash?: string };

/**
 * A key-share holder's side of storing: fetches the share envelope the owner encrypted to
 * it, checks the share against the Merkle root on chain (`verifyShare`), pins the envelope
 * and the master table (so both outlive the owner's node), and confirms on chain. A share
 * that does not verify is refused with an error and not confirmed. Idempotent.
 */
export async function acceptShare({ party, fileId, index, shareCid }: { party: TorrentParty; fileId: string; index: number; shareCid: string }): Promise<AcceptShareResult> {
  const { ledger, registry, store } = party;
  if (await ledger.isShareAcknowledged(fileId, index)) return { verified: true };
  const document = await openShare({ party, fileId, index, shareCid });
  const record = await ledger.file(fileId);
  const timeoutMs = party.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const table = await fetchFromMember({ registry, store, member: record.owner, cid: record.masterTableCid, timeoutMs });
  if (keccak256(table) !== record.masterTableHash) throw new TorrentHashMismatchError({ what: `master table of file ${fileId}`, expected: record.masterTableHash, got: keccak256(table) });
  await store.pin(record.masterTableCid, { timeoutMs });
  await store.pin(shareCid, { timeoutMs });
  const receipt = await (await ledger.acknowledgeShare(fileId, document.index, document.shareHash, document.proof)).wait();
  return { verified: true, txHash: receipt!.hash };
}

/**
 * Opens this holder's share `index` of `fileId` (fetched from the owner's node the first
 * time, from its own pin afterwards) and checks it against the root on chain.
 */
export async function openShare({ party, fileId, index, shareCid }: { party: TorrentParty; fileId: string; index: number; shareCid: string }): Promise<ShareDocument & { shareHash: string }> {
  const { ledger, registry, store } = party;
  const self = getAddress(party.address);
  const record = await ledger.file(fileId);
  const envelope = await fetchFromMember({ registry, store, member: record.owner, cid: shareCid, timeoutMs: party.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS });
  const document = decodeShareDocument(openEnvelope({ privateKey: party.encryptionPrivateKey, envelope, context: TORRENT_CONTEXTS.share }));
  if (document.fileId !== fileId || document.index !== index || document.holder !== self) {
    throw new TorrentStateError({ what: `share envelope ${shareCid}`, expected: `share ${index} of file ${fileId} for ${self}`, got: `share ${document.index} of file ${document.fileId} for ${document.holder}` });
  }
  const hash = shareHash(getBytes(document.share));
  if (!(await ledger.verifyShare(fileId, index, self, hash, document.proof))) {
    throw new TorrentStateError({ what: `share ${index} of file ${fileId}`, expected: "a leaf under the share root registered on chain", got: "a share whose proof does not verify" });
  }
  return { ...document, shareHash: hash };
}
