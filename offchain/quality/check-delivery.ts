import type { IFairExchangeEscrow, IQualityChannel, IXorMarket } from "../../types/ethers-contracts/index.js";
import { FetchedContentMismatchError, fetchFromMember } from "../chain/index.js";
import { EnvelopeError, openEnvelope } from "../crypto/index.js";
import { QualityBundleError, type QualityXorBundle } from "./bundles/index.js";
import { checkXorBundle } from "./check-xor-bundle.js";
import { ORDER_STATES } from "../chain/index.js";
import { QualityError, QualityStateError } from "./errors.js";
import { QUALITY_CONTEXTS, type QualityParty } from "./quality-party.js";
import { readPublicPair, timeout, type PublicPair } from "./read-public-pair.js";

export type DeliveryContracts = {
  channel: Pick<IQualityChannel, "pair" | "pairOwner" | "xorPost">;
  market: Pick<IXorMarket, "purchaseOf" | "offerOf">;
  escrow: Pick<IFairExchangeEscrow, "order">;
};

export type DeliveryVerdict =
  | { verdict: "ok"; orderId: bigint; pair: PublicPair; xorBundle: Uint8Array; bundle: QualityXorBundle }
  | { verdict: "bad"; orderId: bigint; pairId: bigint; reason: string };

/**
 * A's check of a delivered order (Nasu et al. Table II, hardened): fetches the envelope from
 * the seller's node (bytes checked against the CID and the keccak256 the seller recorded),
 * opens it with A's key, and compares keccak256 of the plaintext XOR bundle with B's
 * commitment for that servicer; the bundle must also fit the pair's public data. A bad
 * delivery is a verdict, not an error; an unreachable seller node is an error (try later).
 */
export async function verifyDelivery({ party, channel, market, escrow, orderId }: { party: QualityParty; orderId: bigint } & DeliveryContracts): Promise<DeliveryVerdict> {
  const order = await escrow.order(orderId);
  const state = ORDER_STATES[Number(order.state)];
  if (state === "None" || state === "Funded" || state === "Refunded") {
    throw new QualityStateError({ what: `order ${orderId}`, expected: "a delivered order", got: state ?? String(order.state) });
  }
  const purchase = await market.purchaseOf(orderId);
  const offer = await market.offerOf(purchase.offerId);
  const pair = await readPublicPair({ party, channel, pairId: offer.pairId });
  const post = await channel.xorPost(offer.pairId, offer.servicer);
  const bad = (reason: string): DeliveryVerdict => ({ verdict: "bad", orderId, pairId: offer.pairId, reason });
  let envelope: Uint8Array;
  try {
    envelope = await fetchFromMember({
      registry: party.registry,
      store: party.store,
      member: order.seller,
      cid: order.deliveryCid,
      expectedHash: order.deliveryHash,
      ...timeout(party),
    });
  } catch (error) {
    if (error instanceof FetchedContentMismatchError) return bad(error.message);
    throw error;
  }
  await party.store.pin(order.deliveryCid, timeout(party));
  let xorBundle: Uint8Array;
  try {
    xorBundle = openEnvelope({ privateKey: party.encryptionPrivateKey, envelope, context: QUALITY_CONTEXTS.xorToBuyer });
  } catch (error) {
    if (error instanceof EnvelopeError) return bad(`the delivered envelope does not open with the buyer's key: ${error.message}`);
    throw error;
  }
  try {
    const bundle = checkXorBundle({ pair, bytes: xorBundle, commitment: post.xorBundleHash, allowInsecureKeySize: party.allowInsecureKeySize ?? false });
    return { verdict: "ok", orderId, pair, xorBundle, bundle };
  } catch (error) {
    if (error instanceof QualityError || error instanceof QualityBundleError) return bad(error.message);
    throw error;
  }
}

/** A accepts a delivery: `escrow.confirm` (credits the seller). No-op unless Delivered. */
export async function confirmDelivery({ escrow, orderId }: { escrow: Pick<IFairExchangeEscrow, "order" | "confirm">; orderId: bigint }): Promise<string | undefined> {
  if (ORDER_STATES[Number((await escrow.order(orderId)).state)] !== "Delivered") return undefined;
  const tx = await escrow.confirm(orderId);
  await tx.wait();
  return tx.hash;
}

/** A disputes a delivery: stores a short public reason document (hashes only, nothing
 * secret) in A's node and calls `escrow.dispute` with its CID; the arbiters vote. No-op
 * unless Delivered. */
export async function disputeDelivery({
  party,
  escrow,
  orderId,
  reason,
}: {
  party: Pick<QualityParty, "store">;
  escrow: Pick<IFairExchangeEscrow, "order" | "dispute">;
  orderId: bigint;
  reason: string;
}): Promise<{ reasonCid: string; txHash: string } | undefined> {
  if (ORDER_STATES[Number((await escrow.order(orderId)).state)] !== "Delivered") return undefined;
  const document = { format: "sealedchain.escrow.dispute-reason", version: 1, orderId: orderId.toString(), reason };
  const reasonCid = await party.store.put(new TextEncoder().encode(JSON.stringify(document)));
  const tx = await escrow.dispute(orderId, reasonCid);
  await tx.wait();
  return { reasonCid, txHash: tx.hash };
}

/** verifyDelivery, then confirm a good delivery or dispute a bad one with its reason. */
export async function checkDelivery(
  parameters: { party: QualityParty; orderId: bigint } & DeliveryContracts & { escrow: Pick<IFairExchangeEscrow, "order" | "confirm" | "dispute"> },
): Promise<{ verdict: DeliveryVerdict; txHash: string | undefined }> {
  const { party, escrow, orderId } = parameters;
  const verdict = await verifyDelivery(parameters);
  if (verdict.verdict === "ok") return { verdict, txHash: await confirmDelivery({ escrow, orderId }) };
  return { verdict, txHash: (await disputeDelivery({ party, escrow, orderId, reason: verdict.reason }))?.txHash };
}
