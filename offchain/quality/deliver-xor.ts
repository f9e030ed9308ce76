import { keccak256 } from "ethers";

import type { IFairExchangeEscrow, IQualityChannel, IXorMarket } from "../../types/ethers-contracts/index.js";
import { acceptXorPost } from "./accept-xor-post.js";
import { ORDER_STATES, encryptToMember } from "../chain/index.js";
import { QualityStateError } from "./errors.js";
import { QUALITY_CONTEXTS, type QualityParty } from "./quality-party.js";

/**
 * S's delivery (Nasu et al. Table II step 3): for escrow order `orderId`, recorded as a
 * purchase of one of S's offers, re-encrypts the checked plaintext XOR bundle to the buyer's
 * registered key, stores the envelope in S's node and calls `escrow.deliver` with its CID and
 * keccak256 of the envelope bytes. Idempotent: an order no longer Funded is left alone.
 */
export async function deliverXor({
  party,
  channel,
  market,
  escrow,
  orderId,
}: {
  party: QualityParty;
  channel: Pick<IQualityChannel, "pair" | "pairOwner" | "xorPost">;
  market: Pick<IXorMarket, "purchaseOf" | "offerOf">;
  /** Connected to S's signer. */
  escrow: Pick<IFairExchangeEscrow, "order" | "deliver">;
  orderId: bigint;
}): Promise<{ cid: string; contentHash: string; txHash: string } | { skipped: string }> {
  const order = await escrow.order(orderId);
  const state = ORDER_STATES[Number(order.state)];
  if (state !== "Funded") return { skipped: `order ${orderId} is ${state}` };
  if (order.seller.toLowerCase() !== party.address.toLowerCase()) {
    throw new QualityStateError({ what: `order ${orderId}`, expected: `seller ${party.address}`, got: order.seller });
  }
  const purchase = await market.purchaseOf(orderId);
  const offer = await market.offerOf(purchase.offerId);
  const { xorBundle } = await acceptXorPost({ party, channel, pairId: offer.pairId });
  const envelope = await encryptToMember({ registry: party.registry, member: order.buyer, plaintext: xorBundle, context: QUALITY_CONTEXTS.xorToBuyer });
  const cid = await party.store.put(envelope);
  const contentHash = keccak256(envelope);
  const tx = await escrow.deliver(orderId, cid, contentHash);
  await tx.wait();
  return { cid, contentHash, txHash: tx.hash };
}
