/**
 * The matching policy of the platform's matching agent (a SERVICER; D3.6 8.3, 9.7): which
 * (request, offer) pairs it records with `DataMarket.recordMatch`. A pure function of the market's
 * state as the agent reads it, so every agent reaches the same answer and it can be tested alone.
 *
 * 1. Requests are considered oldest first: by `postedAt`, then by `requestId`.
 * 2. Only Open requests are matched.
 * 3. The candidates of a request are the Listed offers with the same `categoryId` and `token`, a
 *    `price` ≤ the request's `maxPrice`, and a supplier other than the demander (exactly the
 *    conditions `recordMatch` checks, so every match it proposes is accepted on chain).
 * 4. Among the candidates it chooses the lowest price, then the earliest listed (`listedAt`), then
 *    the lowest `offerId`: one best offer per request.
 * 5. An offer may serve any number of requests: data can be sold many times, nothing is consumed.
 * 6. A request whose best offer is already matched with it (`alreadyMatched` holds
 *    `${requestId}:${offerId}`) yields nothing: the match is on chain already. It does not fall
 *    back to its second-best offer, which would record a worse match on every run; it gets a new
 *    match only when a better offer appears (or its best one is withdrawn).
 *
 * The result lists one pair per request that needs a match, in the order of rule 1. Addresses and
 * category ids are compared case-insensitively.
 */

export type RequestView = {
  requestId: bigint;
  demander: string;
  state: "open" | "filled" | "cancelled";
  categoryId: string;
  token: string;
  maxPrice: bigint;
  postedAt: bigint;
};

export type OfferView = {
  offerId: bigint;
  supplier: string;
  state: "listed" | "withdrawn";
  categoryId: string;
  token: string;
  price: bigint;
  listedAt: bigint;
  upstreamTrade: bigint;
};

export type MatchRequestsParameters = {
  requests: RequestView[];
  offers: OfferView[];
  /** Pairs already recorded on chain, as `${requestId}:${offerId}`. */
  alreadyMatched?: Set<string>;
};

export type ProposedMatch = { requestId: bigint; offerId: bigint };

export function matchRequests({ requests, offers, alreadyMatched = new Set() }: MatchRequestsParameters): ProposedMatch[] {
  const listed = offers.filter((offer) => offer.state === "listed").sort(byOfferPreference);
  const matches: ProposedMatch[] = [];
  for (const request of [...requests].sort(byRequestAge)) {
    if (request.state !== "open") continue;
    // `listed` is in preference order, so the first candidate is the best one.
    const best = listed.find((offer) => isCandidate(request, offer));
    if (best === undefined || alreadyMatched.has(`${request.requestId}:${best.offerId}`)) continue;
    matches.push({ requestId: request.requestId, offerId: best.offerId });
  }
  return matches;
}

/** Rule 3 without the offer's state: what `recordMatch` requires of a pair. */
export function isCandidate(request: RequestView, offer: OfferView): boolean {
  return (
    same(offer.categoryId, request.categoryId) &&
    same(offer.token, request.token) &&
    offer.price <= request.maxPrice &&
    !same(offer.supplier, request.demander)
  );
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byRequestAge(a: RequestView, b: RequestView): number {
  return compare(a.postedAt, b.postedAt) || compare(a.requestId, b.requestId);
}

function byOfferPreference(a: OfferView, b: OfferView): number {
  return compare(a.price, b.price) || compare(a.listedAt, b.listedAt) || compare(a.offerId, b.offerId);
}
