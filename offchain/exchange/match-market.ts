import type { IDataMarket } from "../../types/ethers-contracts/index.js";
import { OFFER_STATES, REQUEST_STATES, stateName } from "./entry-states.js";
import { matchRequests, type OfferView, type RequestView } from "./matching-policy.js";

/** The market as the matching policy sees it: every offer and request (a linear scan of
 * views, fine at a consortium's volume). */
export async function readMarket(market: Pick<IDataMarket, "offerCount" | "offerOf" | "offerState" | "requestCount" | "requestOf">) {
  const offers: OfferView[] = [];
  for (let offerId = 1n; offerId <= (await market.offerCount()); offerId++) {
    const o = await market.offerOf(offerId);
    offers.push({
      offerId,
      supplier: o.supplier,
      state: stateName(OFFER_STATES, await market.offerState(offerId)).toLowerCase() as OfferView["state"],
      categoryId: o.categoryId,
      token: o.terms.token,
      price: o.terms.price,
      listedAt: o.listedAt,
      upstreamTrade: o.terms.upstreamTrade,
    });
  }
  const requests: (RequestView & { matchedOffer: bigint })[] = [];
  for (let requestId = 1n; requestId <= (await market.requestCount()); requestId++) {
    const r = await market.requestOf(requestId);
    requests.push({
      requestId,
      demander: r.demander,
      state: stateName(REQUEST_STATES, r.state).toLowerCase() as RequestView["state"],
      categoryId: r.categoryId,
      token: r.terms.token,
      maxPrice: r.terms.maxPrice,
      postedAt: r.postedAt,
      matchedOffer: r.matchedOffer,
    });
  }
  return { offers, requests };
}

/** The SERVICER's matching round (D3.6 clause 9.7, "trusted supply/demand matching"): applies
 * the documented policy (matching-policy.ts) to the open requests not matched yet and records
 * each match on chain, where the contract checks it again. */
export async function matchMarket({ market }: { market: IDataMarket }): Promise<{ requestId: bigint; offerId: bigint; txHash: string }[]> {
  const { offers, requests } = await readMarket(market);
  const unmatched = requests.filter((r) => r.matchedOffer === 0n);
  const recorded: { requestId: bigint; offerId: bigint; txHash: string }[] = [];
  for (const { requestId, offerId } of matchRequests({ requests: unmatched, offers })) {
    const tx = await market.recordMatch(requestId, offerId);
    await tx.wait();
    recorded.push({ requestId, offerId, txHash: tx.hash });
  }
  return recorded;
}
