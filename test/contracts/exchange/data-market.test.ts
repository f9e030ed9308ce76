import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";

import { expect } from "chai";
import { ZeroAddress, ZeroHash, id, keccak256 } from "ethers";
import { network } from "hardhat";

import {
  CATEGORY,
  PRICE,
  approvedDevice,
  buyOffer,
  certifiedEntry,
  completeTrade,
  deployExchange,
  entryFields,
  offerTerms,
  openOrderFor,
  requestTerms,
  signedSubmission,
  submitEntry,
} from "../../helpers/exchange.js";

// IDataMarket states
const LISTED = 1n;
const WITHDRAWN = 2n;
const OPEN = 1n; // RequestState.Open and TradeState.Open
const FILLED = 2n;
const CANCELLED = 3n;
const SHARED = 2n;
// IFairExchangeEscrow.OrderState
const FUNDED = 1n;
const DELIVERED = 2n;
const RELEASED = 3n;
const REFUNDED = 4n;
const DISPUTED = 5n;
const MAX_PERIOD = 365 * 86_400;

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

/** Entry 1 of the source, certified, offered as offer 1 (native currency, resale allowed). */
async function offeredFixture() {
  const f = await deployExchange(connection);
  const device = await approvedDevice(f, f.source);
  const entryId = await certifiedEntry(f, f.source, device, "cold chain 2024-06");
  await f.market.connect(f.source).offer(offerTerms(entryId));
  const token = await ethers.deployContract("TestToken");
  return { ...f, device, entryId, token };
}

/** As offeredFixture, plus request 1 by the enterprise, matched with offer 1. */
async function matchedFixture() {
  const f = await offeredFixture();
  await f.market.connect(f.enterprise).request(requestTerms());
  await f.market.connect(f.servicer).recordMatch(1n, 1n);
  return f;
}

/** The proxy bought offer 1 (trade 1, Shared) and offers the entry on as offer 2. */
async function proxyFixture() {
  const f = await offeredFixture();
  const sourceTrade = await buyOffer(f, 1n, f.proxy);
  await completeTrade(f, sourceTrade);
  const terms = offerTerms(f.entryId, {
    upstreamTrade: sourceTrade,
    price: 3n * PRICE,
    usageTermsHash: id("usage: resold for research"),
    resaleAllowed: false,
  });
  await f.market.connect(f.proxy).offer(terms);
  return { ...f, sourceTrade, proxyOffer: 2n };
}

describe("DataMarket", function () {
  describe("constructor", function () {
    it("is wired to the data registry and the shared escrow", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      expect(await f.market.dataRegistry()).to.equal(await f.dataRegistry.getAddress());
      expect(await f.market.escrow()).to.equal(await f.escrow.getAddress());
      expect(await ethers.provider.getBalance(await f.market.getAddress())).to.equal(0n);
    });

    it("rejects a data registry and an escrow that use different consortium registries", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const foreign = await ethers.deployContract("DataRegistry", [await f.ballot.getAddress()]);
      await expect(ethers.deployContract("DataMarket", [foreign, f.escrow]))
        .to.be.revertedWithCustomError(f.market, "MarketRegistryMismatch")
        .withArgs(await f.ballot.getAddress(), await f.registry.getAddress());
    });
  });

  describe("offer", function () {
    it("lists a certified entry by its submitter", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const terms = offerTerms(f.entryId, { token: await f.token.getAddress(), deliveryPeriod: MAX_PERIOD, confirmationPeriod: 1 });
      await expect(f.market.connect(f.source).offer(terms))
        .to.emit(f.market, "OfferListed")
        .withArgs(2n, f.source.address, f.entryId, id(CATEGORY), 0n, Object.values(terms));
      const o = await f.market.offerOf(2n);
      expect(o.supplier).to.equal(f.source.address);
      expect(o.listedAt).to.equal(BigInt(await time.latest()));
      expect(o.withdrawn).to.equal(false);
      expect(o.categoryId).to.equal(id(CATEGORY));
      expect(o.terms.usageTermsCid).to.equal(terms.usageTermsCid);
      expect(await f.market.offerState(2n)).to.equal(LISTED);
      expect(await f.market.offerCount()).to.equal(2n);
      expect(await f.market.offerSubject(2n)).to.equal(
        keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["string", "address", "uint256"], ["data.offer", await f.market.getAddress(), 2n])),
      );
    });

    it("rejects outsiders and malformed terms", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const m = f.market.connect(f.source);
      const outsider = f.outsiders[0]!;
      await expect(f.market.connect(outsider).offer(offerTerms(f.entryId)))
        .to.be.revertedWithCustomError(m, "MarketNotMember")
        .withArgs(outsider.address);
      await expect(m.offer(offerTerms(f.entryId, { category: "" }))).to.be.revertedWithCustomError(m, "MarketEmptyCategory");
      await expect(m.offer(offerTerms(f.entryId, { price: 0n }))).to.be.revertedWithCustomError(m, "MarketInvalidPrice").withArgs(0n);
      for (const [deliveryPeriod, confirmationPeriod] of [
        [0, 1],
        [1, 0],
        [MAX_PERIOD + 1, 1],
        [1, MAX_PERIOD + 1],
      ] as const) {
        await expect(m.offer(offerTerms(f.entryId, { deliveryPeriod, confirmationPeriod })))
          .to.be.revertedWithCustomError(m, "MarketInvalidPeriod")
          .withArgs(deliveryPeriod, confirmationPeriod);
      }
      await expect(m.offer(offerTerms(f.entryId, { usageTermsHash: ZeroHash }))).to.be.revertedWithCustomError(m, "MarketEmptyTerms");
      await expect(m.offer(offerTerms(f.entryId, { usageTermsCid: "" }))).to.be.revertedWithCustomError(m, "MarketEmptyTerms");
    });

    it("refuses an uncertified entry and a supplier that did not submit it", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const pending = await submitEntry(f, f.source, f.device, "pending");
      const rejected = await submitEntry(f, f.source, f.device, "rejected");
      await f.dataRegistry.connect(f.regulator).reject(rejected, "no");
      for (const entryId of [pending, rejected, 99n]) {
        await expect(f.market.connect(f.source).offer(offerTerms(entryId)))
          .to.be.revertedWithCustomError(f.market, "MarketEntryNotCertified")
          .withArgs(entryId);
      }
      await expect(f.market.connect(f.proxy).offer(offerTerms(f.entryId)))
        .to.be.revertedWithCustomError(f.market, "MarketNotEntryHolder")
        .withArgs(f.entryId, f.proxy.address);
    });

    it("withdraws a Listed offer, supplier only; later purchases are refused", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      await expect(f.market.connect(f.proxy).withdrawOffer(1n))
        .to.be.revertedWithCustomError(f.market, "MarketNotOfferSupplier")
        .withArgs(1n, f.proxy.address);
      const orderId = await openOrderFor(f, 1n, f.enterprise);
      await expect(f.market.connect(f.source).withdrawOffer(1n)).to.emit(f.market, "OfferWithdrawn").withArgs(1n, f.source.address);
      expect(await f.market.offerState(1n)).to.equal(WITHDRAWN);
      expect((await f.market.offerOf(1n)).withdrawn).to.equal(true);
      await expect(f.market.connect(f.source).withdrawOffer(1n))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedOfferState")
        .withArgs(1n, WITHDRAWN, LISTED);
      await expect(f.market.connect(f.enterprise).buy(1n, orderId, 0n))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedOfferState")
        .withArgs(1n, WITHDRAWN, LISTED);
      await expect(f.market.withdrawOffer(7n)).to.be.revertedWithCustomError(f.market, "MarketUnexpectedOfferState").withArgs(7n, 0n, LISTED);
    });

    it("leaves open trades alone when the offer is withdrawn", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f, 1n, f.enterprise);
      await f.market.connect(f.source).withdrawOffer(1n);
      await completeTrade(f, orderId);
      expect((await f.market.tradeOf(orderId)).state).to.equal(SHARED);
    });
  });

  describe("requests and matches", function () {
    it("posts and cancels a request, demander only", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const terms = requestTerms();
      await expect(f.market.connect(f.enterprise).request(terms))
        .to.emit(f.market, "RequestPosted")
        .withArgs(1n, f.enterprise.address, id(CATEGORY), Object.values(terms));
      const r = await f.market.requestOf(1n);
      expect([r.demander, r.postedAt, r.state, r.categoryId, r.matchedOffer, r.filledBy]).to.deep.equal([
        f.enterprise.address,
        BigInt(await time.latest()),
        OPEN,
        id(CATEGORY),
        0n,
        0n,
      ]);
      expect(await f.market.requestCount()).to.equal(1n);
      await expect(f.market.connect(f.proxy).cancelRequest(1n))
        .to.be.revertedWithCustomError(f.market, "MarketNotRequestDemander")
        .withArgs(1n, f.proxy.address);
      await expect(f.market.connect(f.enterprise).cancelRequest(1n)).to.emit(f.market, "RequestCancelled").withArgs(1n, f.enterprise.address);
      expect((await f.market.requestOf(1n)).state).to.equal(CANCELLED);
      await expect(f.market.connect(f.enterprise).cancelRequest(1n))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedRequestState")
        .withArgs(1n, CANCELLED, OPEN);
    });

    it("rejects outsiders and malformed requests", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const m = f.market.connect(f.enterprise);
      const outsider = f.outsiders[0]!;
      await expect(f.market.connect(outsider).request(requestTerms()))
        .to.be.revertedWithCustomError(m, "MarketNotMember")
        .withArgs(outsider.address);
      await expect(m.request(requestTerms({ category: "" }))).to.be.revertedWithCustomError(m, "MarketEmptyCategory");
      await expect(m.request(requestTerms({ maxPrice: 0n }))).to.be.revertedWithCustomError(m, "MarketInvalidPrice").withArgs(0n);
      await expect(m.request(requestTerms({ requirementsHash: ZeroHash }))).to.be.revertedWithCustomError(m, "MarketEmptyTerms");
      await expect(m.request(requestTerms({ requirementsCid: "" }))).to.be.revertedWithCustomError(m, "MarketEmptyTerms");
    });

    it("records a servicer's match", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      await f.market.connect(f.enterprise).request(requestTerms({ maxPrice: PRICE }));
      await expect(f.market.connect(f.servicer).recordMatch(1n, 1n))
        .to.emit(f.market, "MatchRecorded")
        .withArgs(1n, 1n, f.servicer.address);
      expect((await f.market.requestOf(1n)).matchedOffer).to.equal(1n);
    });

    it("is for servicers only", async function () {
      const f = await networkHelpers.loadFixture(matchedFixture);
      for (const caller of [f.enterprise, f.regulator, f.outsiders[0]!]) {
        await expect(f.market.connect(caller).recordMatch(1n, 1n))
          .to.be.revertedWithCustomError(f.market, "MarketNotServicer")
          .withArgs(caller.address);
      }
    });

    it("names each mismatch", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const m = f.market.connect(f.servicer);
      const token = await f.token.getAddress();
      const post = async (who: HardhatEthersSigner, overrides = {}) => {
        await f.market.connect(who).request(requestTerms(overrides));
        return f.market.requestCount();
      };
      const mismatch = (requestId: bigint, offerId: bigint, reason: string) =>
        expect(m.recordMatch(requestId, offerId)).to.be.revertedWithCustomError(m, "MarketMismatch").withArgs(requestId, offerId, reason);

      await mismatch(99n, 1n, "request not open");
      const cancelled = await post(f.enterprise);
      await f.market.connect(f.enterprise).cancelRequest(cancelled);
      await mismatch(cancelled, 1n, "request not open");
      const open = await post(f.enterprise);
      await mismatch(open, 99n, "offer not listed");
      await mismatch(await post(f.enterprise, { category: "logistics.dry" }), 1n, "category");
      await mismatch(await post(f.enterprise, { token }), 1n, "token");
      await mismatch(await post(f.enterprise, { maxPrice: PRICE - 1n }), 1n, "price");
      await mismatch(await post(f.source), 1n, "self");
      await f.market.connect(f.source).withdrawOffer(1n);
      await mismatch(open, 1n, "offer not listed");
    });
  });

  describe("buy", function () {
    it("records the escrow order as the trade of the offer", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await openOrderFor(f, 1n, f.enterprise);
      await expect(f.market.connect(f.enterprise).buy(1n, orderId, 0n))
        .to.emit(f.market, "TradeOpened")
        .withArgs(orderId, 1n, f.enterprise.address, 0n);
      const t = await f.market.tradeOf(orderId);
      const terms = offerTerms(f.entryId);
      expect([t.offerId, t.requestId, t.buyer, t.supplier, t.entryId, t.upstreamTrade, t.usageTermsHash, t.state, t.sharedAt]).to.deep.equal([
        1n,
        0n,
        f.enterprise.address,
        f.source.address,
        f.entryId,
        0n,
        terms.usageTermsHash,
        OPEN,
        0n,
      ]);
      expect(t.boughtAt).to.equal(BigInt(await time.latest()));
      await expect(f.market.connect(f.enterprise).buy(1n, orderId, 0n))
        .to.be.revertedWithCustomError(f.market, "MarketAlreadyBought")
        .withArgs(orderId);
    });

    it("refuses unknown orders", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      for (const orderId of [0n, 1n]) {
        await expect(f.market.connect(f.enterprise).buy(1n, orderId, 0n))
          .to.be.revertedWithCustomError(f.market, "MarketUnknownOrder")
          .withArgs(orderId);
      }
    });

    it("names each order field that does not repeat the offer", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const token = await f.token.getAddress();
      await f.token.mint(f.enterprise.address, PRICE);
      await f.token.connect(f.enterprise).approve(await f.escrow.getAddress(), PRICE);
      const cases: Array<[string, Parameters<typeof openOrderFor>[3]]> = [
        ["subject", { subject: id("another subject") }],
        ["seller", { seller: f.proxy.address }],
        ["token", { token }],
        ["amount", { amount: PRICE + 1n }],
        ["deliveryPeriod", { deliveryPeriod: 3 * 86_400 }],
        ["confirmationPeriod", { confirmationPeriod: 2 * 86_400 }],
      ];
      for (const [field, overrides] of cases) {
        const orderId = await openOrderFor(f, 1n, f.enterprise, overrides);
        await expect(f.market.connect(f.enterprise).buy(1n, orderId, 0n))
          .to.be.revertedWithCustomError(f.market, "MarketOrderMismatch")
          .withArgs(orderId, field);
      }
      // Another member's order.
      const theirs = await openOrderFor(f, 1n, f.proxy);
      await expect(f.market.connect(f.enterprise).buy(1n, theirs, 0n))
        .to.be.revertedWithCustomError(f.market, "MarketOrderMismatch")
        .withArgs(theirs, "buyer");
      // An order that is no longer Funded.
      const delivered = await openOrderFor(f, 1n, f.enterprise);
      await f.escrow.connect(f.source).deliver(delivered, "bafkkey", id("key"));
      await expect(f.market.connect(f.enterprise).buy(1n, delivered, 0n))
        .to.be.revertedWithCustomError(f.market, "MarketOrderMismatch")
        .withArgs(delivered, "state");
    });

    it("fills a request only when it was matched to this offer", async function () {
      const f = await networkHelpers.loadFixture(matchedFixture);
      // A second certified offer by the source, not matched with request 1.
      const other = await certifiedEntry(f, f.source, f.device, "another dataset");
      await f.market.connect(f.source).offer(offerTerms(other));
      const orderForOther = await openOrderFor(f, 2n, f.enterprise);
      await expect(f.market.connect(f.enterprise).buy(2n, orderForOther, 1n))
        .to.be.revertedWithCustomError(f.market, "MarketNotMatched")
        .withArgs(1n, 2n);
      // An unmatched request.
      await f.market.connect(f.enterprise).request(requestTerms());
      await expect(f.market.connect(f.enterprise).buy(2n, orderForOther, 2n))
        .to.be.revertedWithCustomError(f.market, "MarketNotMatched")
        .withArgs(2n, 2n);
      // Someone else's request.
      const proxyOrder = await openOrderFor(f, 1n, f.proxy);
      await expect(f.market.connect(f.proxy).buy(1n, proxyOrder, 1n))
        .to.be.revertedWithCustomError(f.market, "MarketNotRequestDemander")
        .withArgs(1n, f.proxy.address);

      const orderId = await openOrderFor(f, 1n, f.enterprise);
      await expect(f.market.connect(f.enterprise).buy(1n, orderId, 1n))
        .to.emit(f.market, "TradeOpened")
        .withArgs(orderId, 1n, f.enterprise.address, 1n);
      const r = await f.market.requestOf(1n);
      expect([r.state, r.filledBy]).to.deep.equal([FILLED, orderId]);
      expect((await f.market.tradeOf(orderId)).requestId).to.equal(1n);
      // A Filled request fills nothing else, nor can it be cancelled.
      const again = await openOrderFor(f, 1n, f.enterprise);
      await expect(f.market.connect(f.enterprise).buy(1n, again, 1n))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedRequestState")
        .withArgs(1n, FILLED, OPEN);
      await expect(f.market.connect(f.enterprise).cancelRequest(1n))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedRequestState")
        .withArgs(1n, FILLED, OPEN);
    });
  });

  describe("sharing", function () {
    it("a full trade: openOrder, buy, deliver, confirm, recordSharing", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f, 1n, f.enterprise);
      await expect(f.market.recordSharing(orderId))
        .to.be.revertedWithCustomError(f.market, "MarketOrderNotReleased")
        .withArgs(orderId, FUNDED);
      await f.escrow.connect(f.source).deliver(orderId, "bafkdatakeyforenterprise", id("data key"));
      await expect(f.market.recordSharing(orderId))
        .to.be.revertedWithCustomError(f.market, "MarketOrderNotReleased")
        .withArgs(orderId, DELIVERED);
      await f.escrow.connect(f.enterprise).confirm(orderId);
      const usage = offerTerms(f.entryId).usageTermsHash;
      await expect(f.market.connect(f.outsiders[0]!).recordSharing(orderId))
        .to.emit(f.market, "DataShared")
        .withArgs(orderId, f.entryId, f.enterprise.address, f.source.address, 0n, usage);
      const t = await f.market.tradeOf(orderId);
      expect([t.state, t.sharedAt]).to.deep.equal([SHARED, BigInt(await time.latest())]);
      expect(await f.escrow.credit(f.source.address, ZeroAddress)).to.equal(PRICE);
      expect(await f.market.provenance(orderId)).to.deep.equal([orderId]);
      await expect(f.market.recordSharing(orderId))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedTradeState")
        .withArgs(orderId, SHARED, OPEN);
    });

    it("refund: no delivery, the buyer refunds after deliverBy, the trade stays Open", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f, 1n, f.enterprise);
      await time.increaseTo((await f.escrow.order(orderId)).deliverBy + 1n);
      await f.escrow.connect(f.enterprise).refund(orderId);
      await expect(f.market.recordSharing(orderId))
        .to.be.revertedWithCustomError(f.market, "MarketOrderNotReleased")
        .withArgs(orderId, REFUNDED);
      expect((await f.market.tradeOf(orderId)).state).to.equal(OPEN);
    });

    it("dispute upheld by the arbiters: Refunded, nothing shared", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f, 1n, f.enterprise);
      await f.escrow.connect(f.source).deliver(orderId, "bafkdatakey", id("wrong key"));
      await f.escrow.connect(f.enterprise).dispute(orderId, "bafkevidence");
      await expect(f.market.recordSharing(orderId))
        .to.be.revertedWithCustomError(f.market, "MarketOrderNotReleased")
        .withArgs(orderId, DISPUTED);
      const { disputeProposalId } = await f.escrow.order(orderId);
      await f.ballot.connect(f.servicer).castVote(disputeProposalId, true);
      await f.ballot.execute(disputeProposalId);
      await expect(f.market.recordSharing(orderId))
        .to.be.revertedWithCustomError(f.market, "MarketOrderNotReleased")
        .withArgs(orderId, REFUNDED);
      expect((await f.market.tradeOf(orderId)).state).to.equal(OPEN);
    });

    it("dispute defeated: resolveDispute releases, and the sharing is recorded", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f, 1n, f.enterprise);
      await f.escrow.connect(f.source).deliver(orderId, "bafkdatakey", id("data key"));
      await f.escrow.connect(f.enterprise).dispute(orderId, "bafkevidence");
      const { disputeProposalId } = await f.escrow.order(orderId);
      await f.ballot.connect(f.servicer).castVote(disputeProposalId, false);
      await time.increase(3_601);
      await f.escrow.resolveDispute(orderId);
      expect((await f.escrow.order(orderId)).state).to.equal(RELEASED);
      await expect(f.market.recordSharing(orderId)).to.emit(f.market, "DataShared");
      expect((await f.market.tradeOf(orderId)).state).to.equal(SHARED);
    });

    it("unknown trades", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await openOrderFor(f, 1n, f.enterprise); // opened but never bought
      for (const id_ of [0n, orderId]) {
        await expect(f.market.recordSharing(id_)).to.be.revertedWithCustomError(f.market, "MarketUnknownTrade").withArgs(id_);
        await expect(f.market.tradeOf(id_)).to.be.revertedWithCustomError(f.market, "MarketUnknownTrade").withArgs(id_);
        await expect(f.market.provenance(id_)).to.be.revertedWithCustomError(f.market, "MarketUnknownTrade").withArgs(id_);
      }
      await expect(f.market.offerOf(9n)).to.be.revertedWithCustomError(f.market, "MarketUnexpectedOfferState").withArgs(9n, 0n, LISTED);
      await expect(f.market.requestOf(9n)).to.be.revertedWithCustomError(f.market, "MarketUnexpectedRequestState").withArgs(9n, 0n, OPEN);
    });
  });

  describe("proxy circulation", function () {
    it("source -> proxy -> enterprise: provenance lists the trades from the source", async function () {
      const f = await networkHelpers.loadFixture(proxyFixture);
      const o = await f.market.offerOf(f.proxyOffer);
      expect([o.supplier, o.terms.entryId, o.terms.upstreamTrade]).to.deep.equal([f.proxy.address, f.entryId, f.sourceTrade]);
      const proxyTrade = await buyOffer(f, f.proxyOffer, f.enterprise);
      await f.escrow.connect(f.proxy).deliver(proxyTrade, "bafkkeyforenterprise", id("key for enterprise"));
      await f.escrow.connect(f.enterprise).confirm(proxyTrade);
      await expect(f.market.recordSharing(proxyTrade))
        .to.emit(f.market, "DataShared")
        .withArgs(proxyTrade, f.entryId, f.enterprise.address, f.proxy.address, f.sourceTrade, id("usage: resold for research"));
      expect(await f.market.provenance(proxyTrade)).to.deep.equal([f.sourceTrade, proxyTrade]);
      expect(await f.market.provenance(f.sourceTrade)).to.deep.equal([f.sourceTrade]);
      // The proxy's offer forbade resale: the enterprise cannot offer it on.
      await expect(f.market.connect(f.enterprise).offer(offerTerms(f.entryId, { upstreamTrade: proxyTrade })))
        .to.be.revertedWithCustomError(f.market, "MarketResaleNotAllowed")
        .withArgs(proxyTrade);
    });

    it("refuses an upstream trade that is not Shared", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const open = await buyOffer(f, 1n, f.proxy);
      for (const upstreamTrade of [open, 99n]) {
        await expect(f.market.connect(f.proxy).offer(offerTerms(f.entryId, { upstreamTrade })))
          .to.be.revertedWithCustomError(f.market, "MarketUpstreamNotShared")
          .withArgs(upstreamTrade);
      }
    });

    it("refuses a resale the upstream offer did not allow", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      await f.market.connect(f.source).offer(offerTerms(f.entryId, { resaleAllowed: false }));
      const trade = await buyOffer(f, 2n, f.proxy);
      await completeTrade(f, trade);
      await expect(f.market.connect(f.proxy).offer(offerTerms(f.entryId, { upstreamTrade: trade })))
        .to.be.revertedWithCustomError(f.market, "MarketResaleNotAllowed")
        .withArgs(trade);
    });

    it("refuses someone else's upstream trade and another entry's", async function () {
      const f = await networkHelpers.loadFixture(proxyFixture);
      await expect(f.market.connect(f.enterprise).offer(offerTerms(f.entryId, { upstreamTrade: f.sourceTrade })))
        .to.be.revertedWithCustomError(f.market, "MarketUpstreamMismatch")
        .withArgs(f.sourceTrade, f.entryId, f.proxy.address);
      const other = await certifiedEntry(f, f.source, f.device, "another dataset");
      await expect(f.market.connect(f.proxy).offer(offerTerms(other, { upstreamTrade: f.sourceTrade })))
        .to.be.revertedWithCustomError(f.market, "MarketUpstreamMismatch")
        .withArgs(f.sourceTrade, f.entryId, f.proxy.address);
    });
  });

  describe("gas", function () {
    it("prints the gas of submit, certify, reject, offer, buy and recordSharing", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const gas = async (tx: Promise<ContractTransactionResponse>) => (await (await tx).wait())!.gasUsed;
      const submit = await gas(
        f.dataRegistry.connect(f.source).submit(await signedSubmission(f, f.device, await entryFields(f, "gas 1"))),
      );
      const certify = await gas(f.dataRegistry.connect(f.regulator).certify(2n, "bafkcertificategas"));
      await f.dataRegistry.connect(f.source).submit(await signedSubmission(f, f.device, await entryFields(f, "gas 2")));
      const reject = await gas(f.dataRegistry.connect(f.regulator).reject(3n, "sensor out of calibration"));
      const offer = await gas(f.market.connect(f.source).offer(offerTerms(2n)));
      const orderId = await openOrderFor(f, 2n, f.enterprise);
      const buy = await gas(f.market.connect(f.enterprise).buy(2n, orderId, 0n));
      await f.escrow.connect(f.source).deliver(orderId, "bafkkey", id("key"));
      await f.escrow.connect(f.enterprise).confirm(orderId);
      const recordSharing = await gas(f.market.recordSharing(orderId));
      console.log(`      gas: ${Object.entries({ submit, certify, reject, offer, buy, recordSharing }).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    });
  });
});
