import type { IFairExchangeEscrow, IQualityChannel, IXorMarket } from "../../types/ethers-contracts/index.js";
import { verifyDelivery, type DeliveryVerdict } from "./check-delivery.js";
import { ORDER_STATES } from "../chain/index.js";
import { QualityStateError } from "./errors.js";
import type { QualityParty } from "./quality-party.js";

/** The XOR bundle of `pairId` that A bought and confirmed (from A's own pinned copy of the
 * delivery), checked again against B's commitment. */
export async function loadPurchasedXor({
  party,
  channel,
  market,
  escrow,
  pairId,
}: {
  party: QualityParty;
  channel: Pick<IQualityChannel, "pair" | "pairOwner" | "xorPost">;
  market: IXorMarket;
  escrow: Pick<IFairExchangeEscrow, "order">;
  pairId: bigint;
}): Promise<Extract<DeliveryVerdict, { verdict: "ok" }>> {
  for (const event of await market.queryFilter(market.filters.XorPurchased(undefined, undefined, party.address))) {
    const offer = await market.offerOf(event.args.offerId);
    if (offer.pairId !== pairId) continue;
    const order = await escrow.order(event.args.orderId);
    if (ORDER_STATES[Number(order.state)] !== "Released") continue;
    const verdict = await verifyDelivery({ party, channel, market, escrow, orderId: event.args.orderId });
    if (verdict.verdict === "ok") return verdict;
  }
  throw new QualityStateError({
    what: `XOR data of pair ${pairId} for ${party.address}`,
    expected: "a confirmed (Released) purchase whose delivery matches the owner's commitment",
    got: "none (buy it with xor:buy and confirm the delivery first)",
  });
}
