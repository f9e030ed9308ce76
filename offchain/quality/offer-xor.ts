import type { IXorMarket } from "../../types/ethers-contracts/index.js";
import { QualityStateError } from "./errors.js";

export type XorOfferTerms = {
  /** address(0) = native currency. */
  token: string;
  price: bigint;
  /** Seconds S has to deliver after the buyer opens its order. */
  deliveryPeriod: bigint;
  /** Seconds the buyer has to confirm or dispute after delivery. */
  confirmationPeriod: bigint;
};

export type XorOfferSummary = { offerId: bigint; pairId: bigint; servicer: string; withdrawn: boolean; terms: XorOfferTerms };

/** Every offer of the market (ids 1..offerCount), optionally only one servicer's or one
 * pair's. A linear scan of views: fine for a consortium's volume. */
export async function listXorOffers({
  market,
  servicer,
  pairId,
}: {
  market: Pick<IXorMarket, "offerCount" | "offerOf">;
  servicer?: string;
  pairId?: bigint;
}): Promise<XorOfferSummary[]> {
  const count = await market.offerCount();
  const offers: XorOfferSummary[] = [];
  for (let offerId = 1n; offerId <= count; offerId++) {
    const offer = await market.offerOf(offerId);
    if (servicer !== undefined && offer.servicer.toLowerCase() !== servicer.toLowerCase()) continue;
    if (pairId !== undefined && offer.pairId !== pairId) continue;
    const { token, price, deliveryPeriod, confirmationPeriod } = offer.terms;
    offers.push({ offerId, pairId: offer.pairId, servicer: offer.servicer, withdrawn: offer.withdrawn, terms: { token, price, deliveryPeriod, confirmationPeriod } });
  }
  return offers;
}

/**
 * S lists pair `pairId`'s XOR data for sale (Nasu et al. Table II). Idempotent: when S
 * already has a listed (not withdrawn) offer for the pair on the same terms, that offer is
 * returned and nothing is sent. Call acceptXorPost first: S should only sell what it checked.
 */
export async function offerXor({
  market,
  servicer,
  pairId,
  terms,
}: {
  /** Connected to S's signer. */
  market: Pick<IXorMarket, "offerCount" | "offerOf" | "offer" | "interface">;
  servicer: string;
  pairId: bigint;
  terms: XorOfferTerms;
}): Promise<{ offerId: bigint; txHash: string | undefined }> {
  const existing = (await listXorOffers({ market, servicer, pairId })).find(
    (o) =>
      !o.withdrawn &&
      o.terms.token.toLowerCase() === terms.token.toLowerCase() &&
      o.terms.price === terms.price &&
      o.terms.deliveryPeriod === terms.deliveryPeriod &&
      o.terms.confirmationPeriod === terms.confirmationPeriod,
  );
  if (existing !== undefined) return { offerId: existing.offerId, txHash: undefined };
  const tx = await market.offer(pairId, terms);
  const receipt = await tx.wait();
  for (const log of receipt?.logs ?? []) {
    const parsed = market.interface.parseLog(log);
    if (parsed?.name === "OfferListed") return { offerId: parsed.args.getValue("offerId") as bigint, txHash: tx.hash };
  }
  throw new QualityStateError({ what: `offer tx ${tx.hash}`, expected: "an OfferListed event", got: "none" });
}
