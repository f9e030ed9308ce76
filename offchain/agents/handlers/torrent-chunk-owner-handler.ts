import { acceptAssignment, type TorrentParty } from "../../torrent/index.js";
import type { AgentHandler } from "../agent-types.js";

/**
 * A chunk owner's agent: `torrent.ChunksAssigned` to itself → fetches, checks (hash and
 * placement) and pins its chunks, signs receipts and acknowledges on chain (acceptAssignment;
 * nothing is sent once acknowledged). Serving the pinned chunks to auditors needs nothing
 * more: the participant's embedded node answers direct fetches for what it holds.
 */
export function createTorrentChunkOwnerHandler({ party }: { party: TorrentParty }): AgentHandler {
  return {
    name: "torrent-chunk-owner",
    events: ["torrent.ChunksAssigned"],
    async handle(event, context) {
      if ((event.args.getValue("chunkOwner") as string).toLowerCase() !== party.address.toLowerCase()) return;
      const fileId = event.args.getValue("fileId") as string;
      const { chunks, txHash } = await acceptAssignment({ party, fileId, assignmentCid: event.args.getValue("assignmentCid") as string });
      if (txHash !== undefined) context.logger.info(`torrent file ${fileId}: pinned and checked ${chunks} chunk(s) placed on this member; acknowledged → tx ${txHash}`);
    },
  };
}
