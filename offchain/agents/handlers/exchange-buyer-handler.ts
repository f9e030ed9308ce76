import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import { FetchedContentMismatchError, orderStateOf } from "../../chain/index.js";
import { ExchangeError, REQUEST_STATES, buyData, confirmData, disputeData, receiveData, recordSharing, stateName, type ExchangePolicy, type ExchangeParty } from "../../exchange/index.js";
import type { AgentHandler } from "../agent-types.js";

/**
 * A demander's agent:
 * - `dataMarket.MatchRecorded` for one of its open requests: buys the matched offer when the
 *   policy says `exchangeAutoBuy` (the contract checked price <= maxPrice);
 * - `escrow.OrderDelivered` of one of its data trades: fetches and checks the data against
 *   the on-chain fingerprint, writes it to `<participant>/exchange/received/`, then confirms
 *   (policy `exchangeAutoConfirm`) and records the sharing; a delivery that fails the check
 *   is disputed with the reason;
 * - `escrow.OrderConfirmed` of its own trade, or `DisputeResolved` of a trade it supplied:
 *   records the sharing once Released (when not recorded yet).
 */
export function createExchangeBuyerHandler({ party, policy, directory }: { party: ExchangeParty; policy: ExchangePolicy; directory: string }): AgentHandler {
  const { dataMarket, escrow } = party.contracts;
  const self = (address: string) => address.toLowerCase() === party.address.toLowerCase();
  const isTrade = async (orderId: bigint) => (await dataMarket.tradeOf(orderId).catch(() => undefined)) !== undefined;
  return {
    name: "exchange-buyer",
    events: ["dataMarket.MatchRecorded", "escrow.OrderDelivered", "escrow.OrderConfirmed", "escrow.DisputeResolved"],
    async handle(event, context) {
      if (event.name === "MatchRecorded") {
        const requestId = event.args.getValue("requestId") as bigint;
        const offerId = event.args.getValue("offerId") as bigint;
        const request = await dataMarket.requestOf(requestId);
        if (!self(request.demander) || !policy.exchangeAutoBuy) return;
        if (stateName(REQUEST_STATES, request.state) !== "Open" || request.matchedOffer !== offerId) return;
        const bought = await buyData({ party, offerId, requestId });
        context.logger.info(`request #${requestId} matched with offer #${offerId}: paid ${bought.price} wei into escrow, trade #${bought.orderId} → tx ${bought.txHashes.join(", ")}`);
        return;
      }
      const orderId = event.args.getValue("orderId") as bigint;
      if (!(await isTrade(orderId))) return;
      if (event.name !== "OrderDelivered") {
        // One party records the sharing, so that agents do not race for it: the buyer after a
        // confirmation (its confirmData usually did already), the supplier after a dispute it won.
        const order = await escrow.order(orderId);
        if (!self(event.name === "OrderConfirmed" ? order.buyer : order.seller)) return;
        const txHash = await recordSharing({ party, orderId });
        if (txHash !== undefined) context.logger.info(`trade #${orderId}: recorded the completed sharing and its usage statement → tx ${txHash}`);
        return;
      }
      const order = await escrow.order(orderId);
      if (!self(order.buyer) || orderStateOf(order) !== "Delivered") return;
      let received;
      try {
        received = await receiveData({ party, orderId });
      } catch (error) {
        // A bad delivery is disputed; fetch timeouts and the like are retried on replay.
        if (!(error instanceof ExchangeError || error instanceof FetchedContentMismatchError)) throw error;
        const { txHash } = await disputeData({ party, orderId, reason: error.message });
        context.logger.error(`trade #${orderId}: delivery failed its check (${error.message}); disputed → tx ${txHash}`);
        return;
      }
      const out = path.join(directory, "exchange", "received", `trade-${orderId}-entry-${received.entryId}.bin`);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, received.data, { mode: 0o600 });
      context.logger.info(`trade #${orderId}: ${received.data.length} bytes of ${received.metadata.category} data match fingerprint ${received.fingerprint.slice(0, 12)}…; saved to ${out}`);
      if (!policy.exchangeAutoConfirm) return;
      const { txHashes } = await confirmData({ party, orderId });
      context.logger.info(`trade #${orderId}: confirmed, payment released to ${received.seller}, sharing recorded → tx ${txHashes.join(", ")}`);
    },
  };
}
