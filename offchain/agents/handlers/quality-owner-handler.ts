import type { QualityContracts } from "../../chain/index.js";
import { answerRequest, type PairKeyVault, type QualityParty, type QualityPolicy } from "../../quality/index.js";
import type { AgentHandler } from "../agent-types.js";

export type CreateQualityOwnerHandlerParameters = {
  party: QualityParty;
  /** Connected to the participant's signer. */
  contracts: QualityContracts;
  vault: PairKeyVault;
  policy: Pick<QualityPolicy, "disclose">;
};

/**
 * B's agent: answers `board.RequestOpened` for the pairs it owns (answerRequest recomputes the
 * request and rejects a probing one). Idempotent: answerRequest acts only on an Open request.
 */
export function createQualityOwnerHandler({ party, contracts, vault, policy }: CreateQualityOwnerHandlerParameters): AgentHandler {
  return {
    name: "quality-owner",
    events: ["board.RequestOpened"],
    async handle(event, context) {
      const requestId = event.args.getValue("requestId") as bigint;
      const pairId = event.args.getValue("pairId") as bigint;
      if ((await contracts.channel.pairOwner(pairId)).toLowerCase() !== context.self.toLowerCase()) return;
      const result = await answerRequest({ party, channel: contracts.channel, board: contracts.board, vault, requestId, disclose: policy.disclose });
      if (result.outcome === "answered") {
        context.logger.info(`comparison request #${requestId} on pair ${pairId}: answered (disclose=${policy.disclose}) → tx ${result.txHash}`);
      } else if (result.outcome === "rejected") {
        context.logger.warn(`comparison request #${requestId} on pair ${pairId}: rejected with reason ${result.reason} (${result.why}) → tx ${result.txHash}`);
      }
    },
  };
}
