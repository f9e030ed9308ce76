import { getAddress } from "ethers";

import { encryptToMember } from "../chain/index.js";
import { encodeReleasedShare } from "./documents.js";
import { TorrentStateError } from "./errors.js";
import { openShare } from "./accept-share.js";
import { TORRENT_CONTEXTS, type TorrentParty } from "./torrent-party.js";

export type ReleaseSharesResult = { released: number[]; txHashes: string[]; /** The release deadline passed: nothing can be released any more. */ closed: boolean };

/**
 * A holder's side of an approved audit (paper retrieval step 1): every share of the audited
 * file this member holds is re-encrypted to the auditor's registered key, put in the
 * holder's node, and released on chain with its Merkle proof (the ledger checks the proof
 * and that the sender is the holder in the leaf). Shares already released are skipped.
 */
export async function releaseShares({ party, auditId }: { party: TorrentParty; auditId: bigint }): Promise<ReleaseSharesResult> {
  const { ledger, registry } = party;
  const self = getAddress(party.address);
  const audit = await ledger.audit(auditId);
  if (audit.approvedAt === 0n) throw new TorrentStateError({ what: `audit ${auditId}`, expected: "approved by the members' vote", got: "not approved (yet)" });
  const fileId = audit.fileId;
  const result: ReleaseSharesResult = { released: [], txHashes: [], closed: false };
  const now = (await party.signer.provider!.getBlock("latest"))!.timestamp;
  if (now >= Number(audit.releaseDeadline)) return { ...result, closed: true };
  for (const event of await ledger.queryFilter(ledger.filters.ShareAssigned(fileId, undefined, self))) {
    const index = Number(event.args.index);
    if (await ledger.isShareReleased(auditId, index)) continue;
    const share = await openShare({ party, fileId, index, shareCid: event.args.shareCid });
    const plaintext = encodeReleasedShare({ auditId: auditId.toString(), fileId, index, share: share.share });
    const envelope = await encryptToMember({ registry, member: audit.auditor, plaintext, context: TORRENT_CONTEXTS.releasedShare });
    const releasedCid = await party.store.put(envelope);
    const receipt = await (await ledger.releaseShare(auditId, index, share.shareHash, share.proof, releasedCid)).wait();
    result.released.push(index);
    result.txHashes.push(receipt!.hash);
  }
  return result;
}
