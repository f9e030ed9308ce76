import { acceptShare, releaseShares, type TorrentParty } from "../../torrent/index.js";
import type { AgentHandler } from "../agent-types.js";

/**
 * A key-share holder's agent:
 * - `torrent.ShareAssigned` to itself: checks the share against the Merkle root on chain,
 *   pins it and the master table, confirms (acceptShare; a share that does not verify is
 *   refused and logged, never confirmed);
 * - `torrent.AuditApproved`: releases every share of the audited file it holds, re-encrypted
 *   to the auditor, with its proof (releaseShares skips what is released already). The
 *   members' vote is the control; the agent does not second-guess it.
 */
export function createTorrentShareHolderHandler({ party }: { party: TorrentParty }): AgentHandler {
  return {
    name: "torrent-share-holder",
    events: ["torrent.ShareAssigned", "torrent.AuditApproved"],
    async handle(event, context) {
      if (event.name === "ShareAssigned") {
        if ((event.args.getValue("holder") as string).toLowerCase() !== party.address.toLowerCase()) return;
        const fileId = event.args.getValue("fileId") as string;
        const index = Number(event.args.getValue("index"));
        const { txHash } = await acceptShare({ party, fileId, index, shareCid: event.args.getValue("shareCid") as string });
        if (txHash !== undefined) context.logger.info(`torrent file ${fileId}: key share ${index} verified against the on-chain root; share and master table pinned → tx ${txHash}`);
      } else if (event.name === "AuditApproved") {
        const auditId = event.args.getValue("auditId") as bigint;
        const { released, txHashes } = await releaseShares({ party, auditId });
        if (released.length > 0) context.logger.info(`audit ${auditId} approved: released key share(s) ${released.join(", ")} to auditor ${event.args.getValue("auditor") as string} → tx ${txHashes.join(", ")}`);
      }
    },
  };
}
