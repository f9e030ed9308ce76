import type { QualityContracts } from "../../chain/index.js";
import { acceptXorPost, deliverXor, offerXor, type QualityParty, type QualityPolicy } from "../../quality/index.js";
import type { AgentHandler } from "../agent-types.js";

export type CreateXorServicerHandlerParameters = {
  party: QualityParty;
  /** Connected to the participant's signer. */
  contracts: QualityContracts;
  policy: Pick<QualityPolicy, "xorPrice" | "xorDeliveryPeriod" | "xorConfirmationPeriod">;
};

/**
 * S's agent:
 * - `channel.XorPosted` to itself: fetches, opens and checks the bundle against B's
 *   commitment, then lists an offer at policy `xorPrice` (no price: logs only). offerXor
 *   sends nothing when the same offer is listed already;
 * - `market.XorPurchased` of its offers: delivers re-encrypted to the buyer (only while the
 *   order is Funded).
 * Its payouts are withdrawn by the escrow-payee handler.
 */
export function createXorServicerHandler({ party, contracts, policy }: CreateXorServicerHandlerParameters): AgentHandler {
  const { channel, market, escrow } = contracts;
  const self = (address: string) => address.toLowerCase() === party.address.toLowerCase();
  return {
    name: "xor-servicer",
    events: ["channel.XorPosted", "market.XorPurchased"],
    async handle(event, context) {
      if (event.name === "XorPosted") {
        if (!self(event.args.getValue("servicer") as string)) return;
        const pairId = event.args.getValue("pairId") as bigint;
        await acceptXorPost({ party, channel, pairId });
        if (policy.xorPrice === undefined) {
          context.logger.info(`XOR data of pair ${pairId} received and checked against the owner's commitment; no xorPrice in policy.json, so not offering it`);
          return;
        }
        const terms = { token: "0x0000000000000000000000000000000000000000", price: policy.xorPrice, deliveryPeriod: policy.xorDeliveryPeriod, confirmationPeriod: policy.xorConfirmationPeriod };
        const { offerId, txHash } = await offerXor({ market, servicer: party.address, pairId, terms });
        if (txHash !== undefined) context.logger.info(`XOR data of pair ${pairId} checked; offered as offer #${offerId} at ${policy.xorPrice} wei → tx ${txHash}`);
      } else if (event.name === "XorPurchased") {
        const offerId = event.args.getValue("offerId") as bigint;
        const orderId = event.args.getValue("orderId") as bigint;
        if (!self((await market.offerOf(offerId)).servicer)) return;
        const result = await deliverXor({ party, channel, market, escrow, orderId });
        if ("txHash" in result) context.logger.info(`order #${orderId} (offer #${offerId}): delivered the XOR bundle re-encrypted to the buyer → tx ${result.txHash}`);
      }
    },
  };
}
