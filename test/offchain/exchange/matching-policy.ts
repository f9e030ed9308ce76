import { expect } from "chai";

import { matchRequests, type OfferView, type ProposedMatch, type RequestView } from "../../../offchain/exchange/index.js";

const CATEGORY = `0x${"c1".repeat(32)}`;
const OTHER_CATEGORY = `0x${"c2".repeat(32)}`;
const NATIVE = "0x0000000000000000000000000000000000000000";
const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const CAROL = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

function request(overrides: Partial<RequestView> = {}): RequestView {
  return { requestId: 1n, demander: ALICE, state: "open", categoryId: CATEGORY, token: NATIVE, maxPrice: 100n, postedAt: 10n, ...overrides };
}

function offer(overrides: Partial<OfferView> = {}): OfferView {
  return { offerId: 1n, supplier: BOB, state: "listed", categoryId: CATEGORY, token: NATIVE, price: 50n, listedAt: 5n, upstreamTrade: 0n, ...overrides };
}

/** Mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
function generator(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** The policy written the slow, obvious way: every pair checked, the best chosen by a full scan. */
function referenceMatches(requests: RequestView[], offers: OfferView[], alreadyMatched: Set<string>): ProposedMatch[] {
  const remaining = [...requests];
  const ordered: RequestView[] = [];
  while (remaining.length > 0) {
    let oldest = 0;
    for (let i = 1; i < remaining.length; i++) {
      const a = remaining[i]!;
      const b = remaining[oldest]!;
      if (a.postedAt < b.postedAt || (a.postedAt === b.postedAt && a.requestId < b.requestId)) oldest = i;
    }
    ordered.push(remaining.splice(oldest, 1)[0]!);
  }
  const result: ProposedMatch[] = [];
  for (const r of ordered) {
    if (r.state !== "open") continue;
    let best: OfferView | undefined;
    for (const o of offers) {
      const eligible =
        o.state === "listed" &&
        o.categoryId.toLowerCase() === r.categoryId.toLowerCase() &&
        o.token.toLowerCase() === r.token.toLowerCase() &&
        o.price <= r.maxPrice &&
        o.supplier.toLowerCase() !== r.demander.toLowerCase();
      if (!eligible) continue;
      const better =
        best === undefined ||
        o.price < best.price ||
        (o.price === best.price && (o.listedAt < best.listedAt || (o.listedAt === best.listedAt && o.offerId < best.offerId)));
      if (better) best = o;
    }
    if (best !== undefined && !alreadyMatched.has(`${r.requestId}:${best.offerId}`)) result.push({ requestId: r.requestId, offerId: best.offerId });
  }
  return result;
}

describe("offchain/exchange matching policy", function () {
  it("matches an open request with a listed offer of the same category and token within its price", function () {
    expect(matchRequests({ requests: [request()], offers: [offer()] })).to.deep.equal([{ requestId: 1n, offerId: 1n }]);
    expect(matchRequests({ requests: [request({ token: TOKEN })], offers: [offer({ token: TOKEN.toLowerCase() })] })).to.have.length(1);
    expect(matchRequests({ requests: [request({ maxPrice: 50n })], offers: [offer({ price: 50n })] }), "price = maxPrice").to.have.length(1);
  });

  it("matches Open requests only, with Listed offers only", function () {
    for (const state of ["filled", "cancelled"] as const) expect(matchRequests({ requests: [request({ state })], offers: [offer()] }), state).to.deep.equal([]);
    expect(matchRequests({ requests: [request()], offers: [offer({ state: "withdrawn" })] })).to.deep.equal([]);
  });

  it("refuses another category, another token, a price above maxPrice, and the demander's own offer", function () {
    expect(matchRequests({ requests: [request()], offers: [offer({ categoryId: OTHER_CATEGORY })] }), "category").to.deep.equal([]);
    expect(matchRequests({ requests: [request()], offers: [offer({ token: TOKEN })] }), "token").to.deep.equal([]);
    expect(matchRequests({ requests: [request({ maxPrice: 49n })], offers: [offer({ price: 50n })] }), "price").to.deep.equal([]);
    expect(matchRequests({ requests: [request()], offers: [offer({ supplier: ALICE.toLowerCase() })] }), "own offer").to.deep.equal([]);
  });

  it("chooses the lowest price, then the earliest listed, then the lowest id", function () {
    const offers = [offer({ offerId: 1n, price: 60n, listedAt: 1n }), offer({ offerId: 2n, price: 40n, listedAt: 9n }), offer({ offerId: 3n, price: 40n, listedAt: 3n }), offer({ offerId: 4n, price: 40n, listedAt: 3n })];
    expect(matchRequests({ requests: [request()], offers })).to.deep.equal([{ requestId: 1n, offerId: 3n }]);
    expect(matchRequests({ requests: [request()], offers: offers.filter((o) => o.offerId !== 3n) })).to.deep.equal([{ requestId: 1n, offerId: 4n }]);
    expect(matchRequests({ requests: [request()], offers: offers.slice(0, 2) })).to.deep.equal([{ requestId: 1n, offerId: 2n }]);
    expect(matchRequests({ requests: [request()], offers: [...offers].reverse() })).to.deep.equal([{ requestId: 1n, offerId: 3n }]);
  });

  it("lists requests oldest first (postedAt, then id), and one offer serves several requests", function () {
    const requests = [request({ requestId: 5n, postedAt: 20n }), request({ requestId: 4n, postedAt: 30n, demander: CAROL }), request({ requestId: 3n, postedAt: 20n })];
    expect(matchRequests({ requests, offers: [offer({ offerId: 9n })] })).to.deep.equal([
      { requestId: 3n, offerId: 9n },
      { requestId: 5n, offerId: 9n },
      { requestId: 4n, offerId: 9n },
    ]);
  });

  it("proposes nothing for a request whose best offer is already matched (no fall-back to a worse one)", function () {
    const offers = [offer({ offerId: 1n, price: 10n }), offer({ offerId: 2n, price: 20n })];
    expect(matchRequests({ requests: [request()], offers, alreadyMatched: new Set(["1:1"]) })).to.deep.equal([]);
    expect(matchRequests({ requests: [request()], offers, alreadyMatched: new Set(["1:2"]) })).to.deep.equal([{ requestId: 1n, offerId: 1n }]);
    // A better offer appears later: it is proposed.
    const better = [...offers, offer({ offerId: 3n, price: 5n, listedAt: 99n })];
    expect(matchRequests({ requests: [request()], offers: better, alreadyMatched: new Set(["1:1"]) })).to.deep.equal([{ requestId: 1n, offerId: 3n }]);
  });

  it("does not reorder or change its inputs", function () {
    const requests = [request({ requestId: 2n, postedAt: 2n }), request({ requestId: 1n, postedAt: 1n })];
    const offers = [offer({ offerId: 2n, price: 9n }), offer({ offerId: 1n, price: 1n })];
    const copy = JSON.stringify([requests, offers], (_, v) => (typeof v === "bigint" ? v.toString() : v));
    matchRequests({ requests, offers });
    expect(JSON.stringify([requests, offers], (_, v) => (typeof v === "bigint" ? v.toString() : v))).to.equal(copy);
  });

  it("property: equals a brute-force reference over 2 000 random markets", function () {
    const people = [ALICE, BOB, CAROL, ALICE.toLowerCase(), BOB.toLowerCase()];
    const categories = [CATEGORY, OTHER_CATEGORY, CATEGORY.toUpperCase().replace("0X", "0x")];
    const tokens = [NATIVE, TOKEN, TOKEN.toLowerCase()];
    let nonEmpty = 0;
    for (let seed = 1; seed <= 2_000; seed++) {
      const random = generator(seed);
      const pick = <T>(items: T[]) => items[random(items.length)]!;
      const requests: RequestView[] = Array.from({ length: random(8) }, (_, i) => ({
        requestId: BigInt(i + 1),
        demander: pick(people),
        state: pick(["open", "open", "open", "filled", "cancelled"] as const),
        categoryId: pick(categories),
        token: pick(tokens),
        maxPrice: BigInt(1 + random(6)),
        postedAt: BigInt(random(4)),
      }));
      const offers: OfferView[] = Array.from({ length: random(10) }, (_, i) => ({
        offerId: BigInt(i + 1),
        supplier: pick(people),
        state: pick(["listed", "listed", "listed", "withdrawn"] as const),
        categoryId: pick(categories),
        token: pick(tokens),
        price: BigInt(1 + random(6)),
        listedAt: BigInt(random(3)),
        upstreamTrade: BigInt(random(2)),
      }));
      // Shuffle both, so no order of the inputs is relied on.
      for (const list of [requests, offers] as unknown[][]) {
        for (let i = list.length - 1; i > 0; i--) {
          const j = random(i + 1);
          [list[i], list[j]] = [list[j], list[i]];
        }
      }
      const alreadyMatched = new Set<string>();
      for (const r of requests) for (const o of offers) if (random(4) === 0) alreadyMatched.add(`${r.requestId}:${o.offerId}`);
      const expected = referenceMatches(requests, offers, alreadyMatched);
      expect(matchRequests({ requests, offers, alreadyMatched }), `seed ${seed}`).to.deep.equal(expected);
      if (expected.length > 0) nonEmpty++;
    }
    // The generator must produce matches often, or the property says little.
    expect(nonEmpty).to.be.greaterThan(500);
  });
});
