import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import { expect } from "chai";
import { AbiCoder, ZeroAddress, id, keccak256, parseEther } from "ethers";
import { network } from "hardhat";

import { deployQuality, samplePairParams } from "../../helpers/quality.js";
import type { DeployQualityResult } from "../../helpers/quality.js";

// IXorMarket.OfferState
const NONE = 0n;
const LISTED = 1n;
const WITHDRAWN = 2n;
// IFairExchangeEscrow.OrderState
const FUNDED = 1n;
const DELIVERED = 2n;
const RELEASED = 3n;
const REFUNDED = 4n;

const LOT = id("lot-42");
const PRICE = parseEther("0.5");
const DELIVERY_PERIOD = 2 * 86_400;
const CONFIRMATION_PERIOD = 86_400;
const MAX_PERIOD = 365 * 86_400;
const PURCHASE_WINDOW = 3_600;
const XOR_CID = "bafkxorencryptedtoservicer";
const XOR_HASH = id("plaintext xor bundle");
const DELIVERY_CID = "bafkxorreencryptedtobuyer";
const DELIVERY_HASH = id("xor bundle encrypted to A");

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

type Terms = { token: string; price: bigint; deliveryPeriod: number; confirmationPeriod: number };

function terms(overrides: Partial<Terms> = {}): Terms {
  return {
    token: ZeroAddress,
    price: PRICE,
    deliveryPeriod: DELIVERY_PERIOD,
    confirmationPeriod: CONFIRMATION_PERIOD,
    ...overrides,
  };
}

/** B publishes pair 1 (XOR posted to S) and pair 2 (no XOR post). */
async function postedFixture() {
  const f = await deployQuality(connection);
  await f.channel.connect(f.owner).registerLot(LOT, "Resin, lot 42");
  await f.channel.connect(f.owner).publishPair(LOT, samplePairParams("p1"));
  await f.channel.connect(f.owner).publishPair(LOT, samplePairParams("p2"));
  await f.channel.connect(f.owner).postXor(1n, f.servicer.address, XOR_CID, XOR_HASH);
  const token = await ethers.deployContract("TestToken");
  return { ...f, token };
}

/** As postedFixture, plus offer 1 (native currency) by S for pair 1. */
async function offeredFixture() {
  const f = await postedFixture();
  await f.market.connect(f.servicer).offer(1n, terms());
  return f;
}

type OrderOverrides = Partial<{
  seller: string;
  token: string;
  amount: bigint;
  deliveryPeriod: number;
  confirmationPeriod: number;
  subject: string;
}>;

/** `buyer` opens the escrow order that buys `offerId` on the offer's terms, with overrides. */
async function openOrderFor(
  f: DeployQualityResult,
  offerId: bigint,
  buyer: HardhatEthersSigner,
  overrides: OrderOverrides = {},
): Promise<bigint> {
  const offer = await f.market.offerOf(offerId);
  const params = {
    seller: offer.servicer,
    token: offer.terms.token,
    amount: offer.terms.price,
    deliveryPeriod: offer.terms.deliveryPeriod,
    confirmationPeriod: offer.terms.confirmationPeriod,
    subject: await f.market.offerSubject(offerId),
    ...overrides,
  };
  const value = params.token === ZeroAddress ? params.amount : 0n;
  await f.escrow.connect(buyer).openOrder(params, { value });
  return f.escrow.orderCount();
}

/** Opens the matching order for offer 1 as A and records the purchase; returns the order id. */
async function buyOffer(f: DeployQualityResult): Promise<bigint> {
  const orderId = await openOrderFor(f, 1n, f.buyer);
  await f.market.connect(f.buyer).purchase(1n, orderId);
  return orderId;
}

describe("XorMarket", function () {
  describe("constructor", function () {
    it("is wired to the channel and the shared escrow", async function () {
      const { market, channel, escrow } = await networkHelpers.loadFixture(postedFixture);
      expect(await market.channel()).to.equal(await channel.getAddress());
      expect(await market.escrow()).to.equal(await escrow.getAddress());
      expect(await market.PURCHASE_WINDOW()).to.equal(BigInt(PURCHASE_WINDOW));
      expect(await market.offerCount()).to.equal(0n);
    });

    it("rejects a channel and an escrow that use different registries", async function () {
      const { market, escrow, ballot, registry } = await networkHelpers.loadFixture(postedFixture);
      const foreignChannel = await ethers.deployContract("QualityChannel", [await ballot.getAddress()]);
      await expect(ethers.deployContract("XorMarket", [foreignChannel, escrow]))
        .to.be.revertedWithCustomError(market, "XorMarketRegistryMismatch")
        .withArgs(await ballot.getAddress(), await registry.getAddress());
    });
  });

  describe("offer", function () {
    it("lists an offer for a pair whose XOR data B posted to the servicer", async function () {
      const { market, servicer, token } = await networkHelpers.loadFixture(postedFixture);
      const t = terms();
      await expect(market.connect(servicer).offer(1n, t))
        .to.emit(market, "OfferListed")
        .withArgs(1n, 1n, servicer.address, Object.values(t));
      const stored = await market.offerOf(1n);
      expect(stored.pairId).to.equal(1n);
      expect(stored.servicer).to.equal(servicer.address);
      expect(stored.listedAt).to.equal(BigInt(await time.latest()));
      expect(stored.withdrawn).to.equal(false);
      expect(stored.terms.price).to.equal(PRICE);
      expect(stored.terms.deliveryPeriod).to.equal(BigInt(DELIVERY_PERIOD));
      expect(await market.offerState(1n)).to.equal(LISTED);

      // A second offer for the same pair, in an ERC-20 and with the longest periods.
      const erc20 = terms({ token: await token.getAddress(), deliveryPeriod: MAX_PERIOD, confirmationPeriod: MAX_PERIOD });
      await market.connect(servicer).offer(1n, erc20);
      expect(await market.offerCount()).to.equal(2n);
      expect((await market.offerOf(2n)).terms.token).to.equal(await token.getAddress());
    });

    it("rejects a caller without the SERVICER role", async function () {
      const { market, owner, member } = await networkHelpers.loadFixture(postedFixture);
      for (const caller of [owner, member]) {
        await expect(market.connect(caller).offer(1n, terms()))
          .to.be.revertedWithCustomError(market, "XorMarketNotServicer")
          .withArgs(caller.address);
      }
    });

    it("rejects a pair whose XOR data was not posted to the servicer", async function () {
      const { market, servicer } = await networkHelpers.loadFixture(postedFixture);
      for (const pairId of [2n, 0n, 99n]) {
        await expect(market.connect(servicer).offer(pairId, terms()))
          .to.be.revertedWithCustomError(market, "XorMarketNoXorPost")
          .withArgs(pairId, servicer.address);
      }
    });

    it("rejects a zero price", async function () {
      const { market, servicer } = await networkHelpers.loadFixture(postedFixture);
      await expect(market.connect(servicer).offer(1n, terms({ price: 0n })))
        .to.be.revertedWithCustomError(market, "XorMarketInvalidPrice")
        .withArgs(0n);
    });

    for (const [name, delivery, confirmation] of [
      ["a zero delivery period", 0, CONFIRMATION_PERIOD],
      ["a zero confirmation period", DELIVERY_PERIOD, 0],
      ["a delivery period above MAX_PERIOD", MAX_PERIOD + 1, CONFIRMATION_PERIOD],
      ["a confirmation period above MAX_PERIOD", DELIVERY_PERIOD, MAX_PERIOD + 1],
    ] as const) {
      it(`rejects ${name}`, async function () {
        const { market, servicer } = await networkHelpers.loadFixture(postedFixture);
        await expect(
          market.connect(servicer).offer(1n, terms({ deliveryPeriod: delivery, confirmationPeriod: confirmation })),
        )
          .to.be.revertedWithCustomError(market, "XorMarketInvalidPeriod")
          .withArgs(delivery, confirmation);
      });
    }
  });

  describe("withdrawOffer", function () {
    it("withdraws a listed offer", async function () {
      const { market, servicer } = await networkHelpers.loadFixture(offeredFixture);
      await expect(market.connect(servicer).withdrawOffer(1n))
        .to.emit(market, "OfferWithdrawn")
        .withArgs(1n, servicer.address);
      expect(await market.offerState(1n)).to.equal(WITHDRAWN);
      expect((await market.offerOf(1n)).withdrawn).to.equal(true);
    });

    it("rejects anyone but the offer's servicer", async function () {
      const { market, owner, buyer } = await networkHelpers.loadFixture(offeredFixture);
      for (const caller of [owner, buyer]) {
        await expect(market.connect(caller).withdrawOffer(1n))
          .to.be.revertedWithCustomError(market, "XorMarketNotOfferServicer")
          .withArgs(1n, caller.address);
      }
    });

    it("rejects an offer that is withdrawn or unknown", async function () {
      const { market, servicer } = await networkHelpers.loadFixture(offeredFixture);
      await market.connect(servicer).withdrawOffer(1n);
      await expect(market.connect(servicer).withdrawOffer(1n))
        .to.be.revertedWithCustomError(market, "XorMarketUnexpectedOfferState")
        .withArgs(1n, WITHDRAWN, LISTED);
      await expect(market.connect(servicer).withdrawOffer(2n))
        .to.be.revertedWithCustomError(market, "XorMarketUnexpectedOfferState")
        .withArgs(2n, NONE, LISTED);
    });
  });

  describe("purchase", function () {
    it("records a matching order and emits XorPurchased", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await openOrderFor(f, 1n, f.buyer);
      await expect(f.market.connect(f.buyer).purchase(1n, orderId))
        .to.emit(f.market, "XorPurchased")
        .withArgs(1n, orderId, f.buyer.address);
      const recorded = await f.market.purchaseOf(orderId);
      expect(recorded.offerId).to.equal(1n);
      expect(recorded.buyer).to.equal(f.buyer.address);
      expect(recorded.purchasedAt).to.equal(BigInt(await time.latest()));
    });

    it("records an ERC-20 order", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const tokenAddress = await f.token.getAddress();
      await f.market.connect(f.servicer).offer(1n, terms({ token: tokenAddress }));
      await f.token.mint(f.buyer.address, PRICE);
      await f.token.connect(f.buyer).approve(await f.escrow.getAddress(), PRICE);
      const orderId = await openOrderFor(f, 2n, f.buyer);
      await expect(f.market.connect(f.buyer).purchase(2n, orderId))
        .to.emit(f.market, "XorPurchased")
        .withArgs(2n, orderId, f.buyer.address);
    });

    it("computes the offer subject from the market address and the offer id", async function () {
      const { market } = await networkHelpers.loadFixture(offeredFixture);
      const expected = keccak256(
        AbiCoder.defaultAbiCoder().encode(["string", "address", "uint256"], ["xor.offer", await market.getAddress(), 7n]),
      );
      expect(await market.offerSubject(7n)).to.equal(expected);
    });

    it("accepts a purchase at the end of the purchase window and refuses it one second later", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const first = await openOrderFor(f, 1n, f.buyer);
      const openedAt = await time.latest();
      const second = await openOrderFor(f, 1n, f.buyer);
      const secondOpenedAt = await time.latest();
      await time.setNextBlockTimestamp(openedAt + PURCHASE_WINDOW);
      await f.market.connect(f.buyer).purchase(1n, first);
      const now = secondOpenedAt + PURCHASE_WINDOW + 1;
      await time.setNextBlockTimestamp(now);
      const { deliverBy } = await f.escrow.order(second);
      await expect(f.market.connect(f.buyer).purchase(1n, second))
        .to.be.revertedWithCustomError(f.market, "XorMarketDeliveryDeadlineMismatch")
        .withArgs(second, deliverBy, now + DELIVERY_PERIOD - PURCHASE_WINDOW, now + DELIVERY_PERIOD);
    });

    it("rejects an offer that is withdrawn or unknown", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await openOrderFor(f, 1n, f.buyer);
      await f.market.connect(f.servicer).withdrawOffer(1n);
      await expect(f.market.connect(f.buyer).purchase(1n, orderId))
        .to.be.revertedWithCustomError(f.market, "XorMarketUnexpectedOfferState")
        .withArgs(1n, WITHDRAWN, LISTED);
      await expect(f.market.connect(f.buyer).purchase(2n, orderId))
        .to.be.revertedWithCustomError(f.market, "XorMarketUnexpectedOfferState")
        .withArgs(2n, NONE, LISTED);
    });

    it("rejects an unknown order", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      for (const orderId of [0n, 1n]) {
        await expect(f.market.connect(f.buyer).purchase(1n, orderId))
          .to.be.revertedWithCustomError(f.market, "XorMarketUnknownOrder")
          .withArgs(orderId);
      }
    });

    it("records an order once", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f);
      await f.market.connect(f.servicer).offer(1n, terms());
      await expect(f.market.connect(f.buyer).purchase(1n, orderId))
        .to.be.revertedWithCustomError(f.market, "XorMarketAlreadyPurchased")
        .withArgs(orderId, 1n);
      await expect(f.market.connect(f.buyer).purchase(2n, orderId))
        .to.be.revertedWithCustomError(f.market, "XorMarketAlreadyPurchased")
        .withArgs(orderId, 1n);
    });

    it("rejects anyone but the order's buyer", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await openOrderFor(f, 1n, f.buyer);
      for (const caller of [f.member, f.servicer]) {
        await expect(f.market.connect(caller).purchase(1n, orderId))
          .to.be.revertedWithCustomError(f.market, "XorMarketNotOrderBuyer")
          .withArgs(orderId, f.buyer.address, caller.address);
      }
    });

    it("rejects an order that is no longer Funded", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await openOrderFor(f, 1n, f.buyer);
      await f.escrow.connect(f.servicer).deliver(orderId, DELIVERY_CID, DELIVERY_HASH);
      await expect(f.market.connect(f.buyer).purchase(1n, orderId))
        .to.be.revertedWithCustomError(f.market, "XorMarketOrderNotFunded")
        .withArgs(orderId, DELIVERED);
    });

    it("rejects an order for another subject", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const subject = id("something else");
      const orderId = await openOrderFor(f, 1n, f.buyer, { subject });
      await expect(f.market.connect(f.buyer).purchase(1n, orderId))
        .to.be.revertedWithCustomError(f.market, "XorMarketSubjectMismatch")
        .withArgs(orderId, await f.market.offerSubject(1n), subject);
    });

    it("rejects an order carrying another offer's subject", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      await f.market.connect(f.servicer).offer(1n, terms());
      const orderId = await openOrderFor(f, 2n, f.buyer);
      await expect(f.market.connect(f.buyer).purchase(1n, orderId))
        .to.be.revertedWithCustomError(f.market, "XorMarketSubjectMismatch")
        .withArgs(orderId, await f.market.offerSubject(1n), await f.market.offerSubject(2n));
    });

    it("rejects an order that pays someone other than the servicer", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await openOrderFor(f, 1n, f.buyer, { seller: f.owner.address });
      await expect(f.market.connect(f.buyer).purchase(1n, orderId))
        .to.be.revertedWithCustomError(f.market, "XorMarketSellerMismatch")
        .withArgs(orderId, f.servicer.address, f.owner.address);
    });

    it("rejects an order in another token", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const tokenAddress = await f.token.getAddress();
      await f.token.mint(f.buyer.address, PRICE);
      await f.token.connect(f.buyer).approve(await f.escrow.getAddress(), PRICE);
      const orderId = await openOrderFor(f, 1n, f.buyer, { token: tokenAddress });
      await expect(f.market.connect(f.buyer).purchase(1n, orderId))
        .to.be.revertedWithCustomError(f.market, "XorMarketTokenMismatch")
        .withArgs(orderId, ZeroAddress, tokenAddress);
    });

    for (const amount of [PRICE - 1n, PRICE + 1n]) {
      it(`rejects an order of ${amount} instead of the price`, async function () {
        const f = await networkHelpers.loadFixture(offeredFixture);
        const orderId = await openOrderFor(f, 1n, f.buyer, { amount });
        await expect(f.market.connect(f.buyer).purchase(1n, orderId))
          .to.be.revertedWithCustomError(f.market, "XorMarketAmountMismatch")
          .withArgs(orderId, PRICE, amount);
      });
    }

    for (const confirmationPeriod of [CONFIRMATION_PERIOD - 1, CONFIRMATION_PERIOD + 1]) {
      it(`rejects a confirmation period of ${confirmationPeriod} s`, async function () {
        const f = await networkHelpers.loadFixture(offeredFixture);
        const orderId = await openOrderFor(f, 1n, f.buyer, { confirmationPeriod });
        await expect(f.market.connect(f.buyer).purchase(1n, orderId))
          .to.be.revertedWithCustomError(f.market, "XorMarketConfirmationPeriodMismatch")
          .withArgs(orderId, CONFIRMATION_PERIOD, confirmationPeriod);
      });
    }

    // Recorded one second after opening: the deadline may lie in [now + D - W, now + D].
    for (const deliveryPeriod of [DELIVERY_PERIOD - PURCHASE_WINDOW, DELIVERY_PERIOD + 2, 1]) {
      it(`rejects a delivery period of ${deliveryPeriod} s`, async function () {
        const f = await networkHelpers.loadFixture(offeredFixture);
        const orderId = await openOrderFor(f, 1n, f.buyer, { deliveryPeriod });
        const openedAt = await time.latest();
        const now = openedAt + 1;
        await time.setNextBlockTimestamp(now);
        await expect(f.market.connect(f.buyer).purchase(1n, orderId))
          .to.be.revertedWithCustomError(f.market, "XorMarketDeliveryDeadlineMismatch")
          .withArgs(orderId, openedAt + deliveryPeriod, now + DELIVERY_PERIOD - PURCHASE_WINDOW, now + DELIVERY_PERIOD);
      });
    }
  });

  describe("views", function () {
    it("revert for unknown offers and purchases", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      expect(await f.market.offerState(2n)).to.equal(NONE);
      await expect(f.market.offerOf(2n))
        .to.be.revertedWithCustomError(f.market, "XorMarketUnexpectedOfferState")
        .withArgs(2n, NONE, LISTED);
      await expect(f.market.purchaseOf(1n))
        .to.be.revertedWithCustomError(f.market, "XorMarketUnknownPurchase")
        .withArgs(1n);
    });
  });

  describe("an XOR sale through the escrow", function () {
    it("delivered and confirmed: the servicer is paid", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f);
      await expect(f.escrow.connect(f.servicer).deliver(orderId, DELIVERY_CID, DELIVERY_HASH))
        .to.emit(f.escrow, "OrderDelivered");
      await expect(f.escrow.connect(f.buyer).confirm(orderId))
        .to.emit(f.escrow, "OrderSettled")
        .withArgs(orderId, f.servicer.address, PRICE);
      expect((await f.escrow.order(orderId)).state).to.equal(RELEASED);
      await expect(f.escrow.connect(f.servicer).withdraw(ZeroAddress)).to.changeEtherBalances(
        ethers,
        [f.servicer, f.escrow],
        [PRICE, -PRICE],
      );
    });

    it("withdrawing the offer does not affect a recorded purchase", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f);
      await f.market.connect(f.servicer).withdrawOffer(1n);
      await f.escrow.connect(f.servicer).deliver(orderId, DELIVERY_CID, DELIVERY_HASH);
      await f.escrow.connect(f.buyer).confirm(orderId);
      expect(await f.escrow.credit(f.servicer.address, ZeroAddress)).to.equal(PRICE);
      expect((await f.market.purchaseOf(orderId)).offerId).to.equal(1n);
    });

    it("not delivered in time: the buyer is refunded", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f);
      const { deliverBy } = await f.escrow.order(orderId);
      await time.increaseTo(deliverBy + 1n);
      await expect(f.escrow.connect(f.servicer).deliver(orderId, DELIVERY_CID, DELIVERY_HASH))
        .to.be.revertedWithCustomError(f.escrow, "EscrowDeadlinePassed")
        .withArgs(orderId, deliverBy);
      await expect(f.escrow.connect(f.buyer).refund(orderId))
        .to.emit(f.escrow, "OrderSettled")
        .withArgs(orderId, f.buyer.address, PRICE);
      expect((await f.escrow.order(orderId)).state).to.equal(REFUNDED);
      await expect(f.escrow.connect(f.buyer).withdraw(ZeroAddress)).to.changeEtherBalances(
        ethers,
        [f.buyer, f.escrow],
        [PRICE, -PRICE],
      );
    });

    it("disputed and upheld by the arbiters: the buyer is refunded", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f);
      await f.escrow.connect(f.servicer).deliver(orderId, DELIVERY_CID, DELIVERY_HASH);
      // A decrypted the delivery and its hash differs from B's commitment xorBundleHash.
      await expect(f.escrow.connect(f.buyer).dispute(orderId, "bafkevidence")).to.emit(f.escrow, "OrderDisputed");
      const { disputeProposalId } = await f.escrow.order(orderId);
      await f.ballot.connect(f.arbiter).castVote(disputeProposalId, true);
      await expect(f.ballot.execute(disputeProposalId))
        .to.emit(f.escrow, "DisputeResolved")
        .withArgs(orderId, disputeProposalId, true);
      expect((await f.escrow.order(orderId)).state).to.equal(REFUNDED);
      expect(await f.escrow.credit(f.buyer.address, ZeroAddress)).to.equal(PRICE);
      expect(await f.escrow.credit(f.servicer.address, ZeroAddress)).to.equal(0n);
    });

    it("disputed and defeated: the servicer is paid", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f);
      await f.escrow.connect(f.servicer).deliver(orderId, DELIVERY_CID, DELIVERY_HASH);
      await f.escrow.connect(f.buyer).dispute(orderId, "bafkevidence");
      const { disputeProposalId } = await f.escrow.order(orderId);
      await f.ballot.connect(f.arbiter).castVote(disputeProposalId, false);
      await expect(f.escrow.connect(f.member).resolveDispute(orderId))
        .to.emit(f.escrow, "DisputeResolved")
        .withArgs(orderId, disputeProposalId, false);
      expect((await f.escrow.order(orderId)).state).to.equal(RELEASED);
      expect(await f.escrow.credit(f.servicer.address, ZeroAddress)).to.equal(PRICE);
    });

    it("only the buyer confirms, disputes or refunds and only the servicer delivers", async function () {
      const f = await networkHelpers.loadFixture(offeredFixture);
      const orderId = await buyOffer(f);
      expect((await f.escrow.order(orderId)).state).to.equal(FUNDED);
      for (const caller of [f.buyer, f.owner, f.member]) {
        await expect(f.escrow.connect(caller).deliver(orderId, DELIVERY_CID, DELIVERY_HASH))
          .to.be.revertedWithCustomError(f.escrow, "EscrowNotSeller")
          .withArgs(orderId, caller.address);
      }
      await time.increaseTo((await f.escrow.order(orderId)).deliverBy + 1n);
      await expect(f.escrow.connect(f.servicer).refund(orderId))
        .to.be.revertedWithCustomError(f.escrow, "EscrowNotBuyer")
        .withArgs(orderId, f.servicer.address);

      const second = await buyOffer(f);
      await f.escrow.connect(f.servicer).deliver(second, DELIVERY_CID, DELIVERY_HASH);
      for (const caller of [f.servicer, f.owner, f.arbiter]) {
        await expect(f.escrow.connect(caller).confirm(second))
          .to.be.revertedWithCustomError(f.escrow, "EscrowNotBuyer")
          .withArgs(second, caller.address);
        await expect(f.escrow.connect(caller).dispute(second, "bafkevidence"))
          .to.be.revertedWithCustomError(f.escrow, "EscrowNotBuyer")
          .withArgs(second, caller.address);
      }
    });
  });
});
