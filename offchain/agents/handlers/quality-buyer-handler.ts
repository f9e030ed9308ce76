import { ORDER_STATES, type QualityContracts } from "../../chain/index.js";
import {
  buyXor,
  checkDelivery,
  readAnswer,
  requestComparison,
  type QualityParty,
  type QualityPolicy,
} from "../../quality/index.js";
import type { AgentHandler } from "../agent-types.js";

export type CreateQualityBuyerHandlerParameters = {
  party: QualityParty;
  /** Connected to the participant's signer. */
  contracts: QualityContracts;
  policy: Pick<QualityPolicy, "followLots">;
  /** `<participant>/quality/history.json`. */
  historyFile: string;
};

/**
 * A's agent, for the lots in policy `followLots`:
 * - `market.OfferListed`: buys the pair's XOR data unless A already bought it (from any
 *   servicer); buyXor also finishes a purchase interrupted between its two transactions;
 * - `escrow.OrderDelivered` of its purchases: checks the delivery against B's commitment and
 *   confirms (then requests the comparison) or disputes with the reason;
 * - `board.Answered` for its requests: verifies the answer and appends it to history.json.
 * Every step reads chain state first (bought? still Delivered? request exists?), so a replay
 * after a restart sends nothing twice.
 */
export function createQualityBuyerHandler({ party, contracts, policy, historyFile }: CreateQualityBuyerHandlerParameters): AgentHandler {
  const { channel, market, escrow, board } = contracts;
  const follows = async (pairId: bigint) => policy.followLots.includes((await channel.pair(pairId)).lotId.toLowerCase());
  const self = (address: string) => address.toLowerCase() === party.address.toLowerCase();
  return {
    name: "quality-buyer",
    events: ["market.OfferListed", "escrow.OrderDelivered", "board.Answered"],
    async handle(event, context) {
      if (policy.followLots.length === 0) return;
      if (event.name === "OfferListed") {
        const offerId = event.args.getValue("offerId") as bigint;
        const pairId = event.args.getValue("pairId") as bigint;
        if (!(await follows(pairId))) return;
        if ((await market.offerState(offerId)) !== 1n) return; // withdrawn meanwhile
        for (const purchase of await market.queryFilter(market.filters.XorPurchased(undefined, undefined, party.address))) {
          if (purchase.args.offerId === offerId) break; // this one: let buyXor report it
          if ((await market.offerOf(purchase.args.offerId)).pairId === pairId) return; // bought elsewhere
        }
        const { orderId, txHashes } = await buyXor({ market, escrow, buyer: party.address, offerId });
        if (txHashes.length > 0) context.logger.info(`pair ${pairId} (followed lot): bought offer #${offerId} as escrow order #${orderId} → tx ${txHashes.at(-1)}`);
      } else if (event.name === "OrderDelivered") {
        const orderId = event.args.getValue("orderId") as bigint;
        const order = await escrow.order(orderId);
        if (!self(order.buyer)) return;
        const state = ORDER_STATES[Number(order.state)];
        let pairId: bigint;
        // Verified just now by checkDelivery: requestComparison need not fetch and check it again.
        let purchased: Extract<Awaited<ReturnType<typeof checkDelivery>>["verdict"], { verdict: "ok" }> | undefined;
        try {
          pairId = (await market.offerOf((await market.purchaseOf(orderId)).offerId)).pairId;
        } catch {
          return; // not an XOR purchase (another part's order)
        }
        if (state === "Delivered") {
          const { verdict, txHash } = await checkDelivery({ party, channel, market, escrow, orderId });
          if (verdict.verdict === "ok") context.logger.info(`order #${orderId}: delivery matches the owner's commitment; confirmed → tx ${txHash}`);
          else {
            context.logger.warn(`order #${orderId}: bad delivery (${verdict.reason}); disputed → tx ${txHash}`);
            return;
          }
          purchased = verdict;
        } else if (state !== "Released") return;
        const { requestId, txHash } = await requestComparison({ party, channel, market, escrow, board, pairId, ...(purchased === undefined ? {} : { purchased }) });
        if (txHash !== undefined) context.logger.info(`pair ${pairId}: comparison request #${requestId} sent → tx ${txHash}`);
      } else if (event.name === "Answered") {
        const requestId = event.args.getValue("requestId") as bigint;
        if (!self((await board.requestOf(requestId)).requester)) return;
        const { entry, appended } = await readAnswer({ party, channel, market, escrow, board, requestId, historyFile });
        if (appended) context.logger.info(`request #${requestId}: verified answer ${entry.relation}${entry.bound === null ? "" : ` (highest differing bit ${entry.highestDifferingBit}, ${entry.bound})`}; added to history`);
      }
    },
  };
}
