import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import type {
  Ballot,
  ConsortiumRegistry,
  FairExchangeEscrow,
  FeeOnTransferToken,
  ReentrantReceiver,
  TestToken,
} from "../../../types/ethers-contracts/index.js";

import { expect } from "chai";
import { AbiCoder, ZeroAddress, ZeroHash, id, keccak256, parseEther } from "ethers";
import { network } from "hardhat";

import { deployConsortium, makeProfile, roleId } from "../../helpers/consortium.js";

// IFairExchangeEscrow.OrderState
const NONE = 0n;
const FUNDED = 1n;
const DELIVERED = 2n;
const RELEASED = 3n;
const REFUNDED = 4n;
const DISPUTED = 5n;
// IBallot.ProposalState
const ACTIVE = 1n;
const SUCCEEDED = 2n;
const DEFEATED = 3n;
const EXPIRED = 5n;

const DISPUTE_SETTINGS = { quorumBps: 5_000, votingPeriod: 3_600, executionWindow: 86_400 };
const DELIVERY_PERIOD = 2 * 86_400;
const CONFIRMATION_PERIOD = 86_400;
const MAX_PERIOD = 365 * 86_400;
const AMOUNT = parseEther("1");
const SUBJECT = id("listing-1");
const CID = "bafybeigdyrztxorderdelivery";
const CONTENT_HASH = keccak256("0x1234");
const REASON_CID = "bafybeigdyrztxdisputereason";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

interface EscrowFixture {
  ballot: Ballot;
  registry: ConsortiumRegistry;
  escrow: FairExchangeEscrow;
  token: TestToken;
  /** Founder 0: the only ARBITER. */
  arbiter: HardhatEthersSigner;
  buyer: HardhatEthersSigner;
  seller: HardhatEthersSigner;
  /** A fourth member with no part in the orders. */
  member: HardhatEthersSigner;
  /** Not a member. */
  outsider: HardhatEthersSigner;
  founders: HardhatEthersSigner[];
}

async function deployEscrow(c: NetworkConnection, withArbiter: boolean): Promise<EscrowFixture> {
  const consortium = await deployConsortium(c, {
    founders: 4,
    founderRoles: withArbiter ? [["ARBITER"]] : [],
  });
  const { ballot, registry, founders, others } = consortium;
  const escrow = await c.ethers.deployContract("FairExchangeEscrow", [
    await registry.getAddress(),
    await ballot.getAddress(),
    DISPUTE_SETTINGS,
  ]);
  const token = await c.ethers.deployContract("TestToken");
  const [arbiter, buyer, seller, member] = founders as [
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
  ];
  return { ballot, registry, escrow, token, arbiter, buyer, seller, member, outsider: others[0]!, founders };
}

async function escrowFixture(): Promise<EscrowFixture> {
  return deployEscrow(connection, true);
}

async function noArbiterFixture(): Promise<EscrowFixture> {
  return deployEscrow(connection, false);
}

interface OrderOverrides {
  seller?: string;
  token?: string;
  amount?: bigint;
  deliveryPeriod?: number;
  confirmationPeriod?: number;
  subject?: string;
}

function orderParams(seller: string, overrides: OrderOverrides = {}) {
  return {
    seller,
    token: ZeroAddress,
    amount: AMOUNT,
    deliveryPeriod: DELIVERY_PERIOD,
    confirmationPeriod: CONFIRMATION_PERIOD,
    subject: SUBJECT,
    ...overrides,
  };
}

/** Opens a native-currency order from `f.buyer` to `f.seller` and returns its id. */
async function openNative(f: EscrowFixture, amount = AMOUNT): Promise<bigint> {
  await f.escrow.connect(f.buyer).openOrder(orderParams(f.seller.address, { amount }), { value: amount });
  return f.escrow.orderCount();
}

async function openAndDeliver(f: EscrowFixture, amount = AMOUNT): Promise<bigint> {
  const orderId = await openNative(f, amount);
  await f.escrow.connect(f.seller).deliver(orderId, CID, CONTENT_HASH);
  return orderId;
}

async function openDeliverDispute(f: EscrowFixture): Promise<{ orderId: bigint; proposalId: bigint }> {
  const orderId = await openAndDeliver(f);
  await f.escrow.connect(f.buyer).dispute(orderId, REASON_CID);
  return { orderId, proposalId: (await f.escrow.order(orderId)).disputeProposalId };
}

function disputeSubject(orderId: bigint): string {
  return keccak256(AbiCoder.defaultAbiCoder().encode(["string", "uint256"], ["escrow.dispute", orderId]));
}

/** Admits `account` as a member: founder 0 proposes, founders 0..2 vote for, anyone executes. */
async function admitMember(f: EscrowFixture, account: string): Promise<void> {
  await f.registry.connect(f.founders[0]!).proposeMember(account, makeProfile("Receiver").profile);
  const proposalId = await f.ballot.proposalCount();
  for (const voter of f.founders.slice(0, 3)) {
    await f.ballot.connect(voter).castVote(proposalId, true);
  }
  await f.ballot.execute(proposalId);
}

/** Escrow balance minus what it still owes: zero when every wei is accounted for. */
async function expectBalanceAccountedFor(
  f: EscrowFixture,
  token: string,
  accounts: string[],
  locked: bigint,
): Promise<void> {
  const escrowAddress = await f.escrow.getAddress();
  const balance =
    token === ZeroAddress
      ? await ethers.provider.getBalance(escrowAddress)
      : await f.token.balanceOf(escrowAddress);
  let credits = 0n;
  for (const account of accounts) credits += await f.escrow.credit(account, token);
  expect(balance).to.equal(locked + credits);
}

describe("FairExchangeEscrow", function () {
  describe("constructor", function () {
    it("stores the registry, the ballot and the dispute settings", async function () {
      const { escrow, registry, ballot } = await networkHelpers.loadFixture(escrowFixture);
      expect(await escrow.registry()).to.equal(await registry.getAddress());
      expect(await escrow.ballot()).to.equal(await ballot.getAddress());
      const settings = await escrow.disputeSettings();
      expect(settings.quorumBps).to.equal(5_000n);
      expect(settings.votingPeriod).to.equal(3_600n);
      expect(settings.executionWindow).to.equal(86_400n);
      expect(await escrow.orderCount()).to.equal(0n);
    });

    it("uses the registry's MEMBER and ARBITER role ids", async function () {
      const { escrow, registry } = await networkHelpers.loadFixture(escrowFixture);
      expect(await escrow.MEMBER_ROLE()).to.equal(await registry.MEMBER_ROLE());
      expect(await escrow.ARBITER_ROLE()).to.equal(await registry.ARBITER_ROLE());
      expect(await escrow.MEMBER_ROLE()).to.equal(roleId("MEMBER"));
    });

    for (const [name, settings] of [
      ["quorum 0", { ...DISPUTE_SETTINGS, quorumBps: 0 }],
      ["quorum above 10 000 bps", { ...DISPUTE_SETTINGS, quorumBps: 10_001 }],
      ["voting period 0", { ...DISPUTE_SETTINGS, votingPeriod: 0 }],
      ["execution window 0", { ...DISPUTE_SETTINGS, executionWindow: 0 }],
    ] as const) {
      it(`rejects dispute settings with ${name}`, async function () {
        const { registry, ballot } = await networkHelpers.loadFixture(escrowFixture);
        const factory = await ethers.getContractFactory("FairExchangeEscrow");
        await expect(ethers.deployContract("FairExchangeEscrow", [registry, ballot, settings]))
          .to.be.revertedWithCustomError(factory, "EscrowInvalidDisputeSettings")
          .withArgs(settings.quorumBps, settings.votingPeriod, settings.executionWindow);
      });
    }
  });

  describe("openOrder", function () {
    it("locks native currency and records the order", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const tx = f.escrow.connect(f.buyer).openOrder(orderParams(f.seller.address), { value: AMOUNT });
      await expect(tx).to.changeEtherBalances(ethers, [f.buyer, f.escrow], [-AMOUNT, AMOUNT]);
      const deliverBy = BigInt(await time.latest()) + BigInt(DELIVERY_PERIOD);
      await expect(tx)
        .to.emit(f.escrow, "OrderOpened")
        .withArgs(1n, f.buyer.address, f.seller.address, ZeroAddress, AMOUNT, SUBJECT, deliverBy);

      expect(await f.escrow.orderCount()).to.equal(1n);
      const order = await f.escrow.order(1n);
      expect(order.buyer).to.equal(f.buyer.address);
      expect(order.seller).to.equal(f.seller.address);
      expect(order.token).to.equal(ZeroAddress);
      expect(order.amount).to.equal(AMOUNT);
      expect(order.subject).to.equal(SUBJECT);
      expect(order.state).to.equal(FUNDED);
      expect(order.deliveryPeriod).to.equal(BigInt(DELIVERY_PERIOD));
      expect(order.confirmationPeriod).to.equal(BigInt(CONFIRMATION_PERIOD));
      expect(order.deliverBy).to.equal(deliverBy);
      expect(order.confirmBy).to.equal(0n);
      expect(order.deliveryCid).to.equal("");
      expect(order.deliveryHash).to.equal(ZeroHash);
      expect(order.disputeProposalId).to.equal(0n);
    });

    it("numbers orders from 1 upwards", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      expect(await openNative(f)).to.equal(1n);
      expect(await openNative(f)).to.equal(2n);
      expect((await f.escrow.order(2n)).amount).to.equal(AMOUNT);
    });

    it("pulls an ERC-20 payment", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const token = await f.token.getAddress();
      await f.token.mint(f.buyer.address, AMOUNT);
      await f.token.connect(f.buyer).approve(f.escrow, AMOUNT);
      const tx = f.escrow.connect(f.buyer).openOrder(orderParams(f.seller.address, { token }));
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.buyer, f.escrow], [-AMOUNT, AMOUNT]);
      await expect(tx).to.emit(f.escrow, "OrderOpened");
      expect((await f.escrow.order(1n)).token).to.equal(token);
    });

    it("reverts when the buyer is not a member", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      await expect(f.escrow.connect(f.outsider).openOrder(orderParams(f.seller.address), { value: AMOUNT }))
        .to.be.revertedWithCustomError(f.escrow, "EscrowNotMember")
        .withArgs(f.outsider.address);
    });

    it("reverts when the seller is not a member", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      await expect(f.escrow.connect(f.buyer).openOrder(orderParams(f.outsider.address), { value: AMOUNT }))
        .to.be.revertedWithCustomError(f.escrow, "EscrowNotMember")
        .withArgs(f.outsider.address);
    });

    it("reverts when the buyer sells to itself", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      await expect(f.escrow.connect(f.buyer).openOrder(orderParams(f.buyer.address), { value: AMOUNT }))
        .to.be.revertedWithCustomError(f.escrow, "EscrowSelfDealing")
        .withArgs(f.buyer.address);
    });

    it("reverts for a zero amount", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      await expect(f.escrow.connect(f.buyer).openOrder(orderParams(f.seller.address, { amount: 0n })))
        .to.be.revertedWithCustomError(f.escrow, "EscrowInvalidAmount")
        .withArgs(0n, 0n);
    });

    it("reverts when msg.value differs from a native amount", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      await expect(f.escrow.connect(f.buyer).openOrder(orderParams(f.seller.address), { value: AMOUNT - 1n }))
        .to.be.revertedWithCustomError(f.escrow, "EscrowInvalidAmount")
        .withArgs(AMOUNT, AMOUNT - 1n);
      await expect(f.escrow.connect(f.buyer).openOrder(orderParams(f.seller.address), { value: AMOUNT + 1n }))
        .to.be.revertedWithCustomError(f.escrow, "EscrowInvalidAmount")
        .withArgs(AMOUNT, AMOUNT + 1n);
    });

    it("reverts when native currency comes with an ERC-20 order", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const token = await f.token.getAddress();
      await expect(
        f.escrow.connect(f.buyer).openOrder(orderParams(f.seller.address, { token }), { value: AMOUNT }),
      )
        .to.be.revertedWithCustomError(f.escrow, "EscrowInvalidAmount")
        .withArgs(AMOUNT, AMOUNT);
    });

    for (const [name, deliveryPeriod, confirmationPeriod] of [
      ["a zero delivery period", 0, CONFIRMATION_PERIOD],
      ["a zero confirmation period", DELIVERY_PERIOD, 0],
      ["a delivery period above MAX_PERIOD", MAX_PERIOD + 1, CONFIRMATION_PERIOD],
      ["a confirmation period above MAX_PERIOD", DELIVERY_PERIOD, MAX_PERIOD + 1],
    ] as const) {
      it(`reverts for ${name}`, async function () {
        const f = await networkHelpers.loadFixture(escrowFixture);
        await expect(
          f.escrow
            .connect(f.buyer)
            .openOrder(orderParams(f.seller.address, { deliveryPeriod, confirmationPeriod }), { value: AMOUNT }),
        )
          .to.be.revertedWithCustomError(f.escrow, "EscrowInvalidPeriod")
          .withArgs(deliveryPeriod, confirmationPeriod);
      });
    }

    it("accepts periods of exactly MAX_PERIOD", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      expect(await f.escrow.MAX_PERIOD()).to.equal(BigInt(MAX_PERIOD));
      await f.escrow
        .connect(f.buyer)
        .openOrder(orderParams(f.seller.address, { deliveryPeriod: MAX_PERIOD, confirmationPeriod: MAX_PERIOD }), {
          value: AMOUNT,
        });
      const order = await f.escrow.order(1n);
      expect(order.deliveryPeriod).to.equal(BigInt(MAX_PERIOD));
      expect(order.confirmationPeriod).to.equal(BigInt(MAX_PERIOD));
      expect(order.deliverBy).to.equal(BigInt(await time.latest()) + BigInt(MAX_PERIOD));
    });

    it("reverts when the ERC-20 allowance is too small", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      await f.token.mint(f.buyer.address, AMOUNT);
      await f.token.connect(f.buyer).approve(f.escrow, AMOUNT - 1n);
      await expect(
        f.escrow.connect(f.buyer).openOrder(orderParams(f.seller.address, { token: await f.token.getAddress() })),
      )
        .to.be.revertedWithCustomError(f.token, "ERC20InsufficientAllowance")
        .withArgs(await f.escrow.getAddress(), AMOUNT - 1n, AMOUNT);
    });

    it("rejects a fee-on-transfer token", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const feeToken: FeeOnTransferToken = await ethers.deployContract("FeeOnTransferToken");
      await feeToken.mint(f.buyer.address, AMOUNT);
      await feeToken.connect(f.buyer).approve(f.escrow, AMOUNT);
      const token = await feeToken.getAddress();
      await expect(f.escrow.connect(f.buyer).openOrder(orderParams(f.seller.address, { token })))
        .to.be.revertedWithCustomError(f.escrow, "EscrowFeeOnTransferToken")
        .withArgs(token, AMOUNT, AMOUNT - AMOUNT / 100n);
      expect(await feeToken.balanceOf(f.buyer.address)).to.equal(AMOUNT);
      expect(await f.escrow.orderCount()).to.equal(0n);
    });
  });

  describe("deliver", function () {
    it("records the delivery and starts the confirmation period", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openNative(f);
      const tx = f.escrow.connect(f.seller).deliver(orderId, CID, CONTENT_HASH);
      await tx;
      const confirmBy = BigInt(await time.latest()) + BigInt(CONFIRMATION_PERIOD);
      await expect(tx).to.emit(f.escrow, "OrderDelivered").withArgs(orderId, CID, CONTENT_HASH, confirmBy);
      const order = await f.escrow.order(orderId);
      expect(order.state).to.equal(DELIVERED);
      expect(order.confirmBy).to.equal(confirmBy);
      expect(order.deliveryCid).to.equal(CID);
      expect(order.deliveryHash).to.equal(CONTENT_HASH);
    });

    it("is accepted at the last second of the delivery period", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openNative(f);
      const { deliverBy } = await f.escrow.order(orderId);
      await time.setNextBlockTimestamp(deliverBy);
      await f.escrow.connect(f.seller).deliver(orderId, CID, CONTENT_HASH);
      expect((await f.escrow.order(orderId)).state).to.equal(DELIVERED);
    });

    it("reverts for an empty CID or a zero content hash", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openNative(f);
      for (const [cid, hash] of [["", CONTENT_HASH], [CID, ZeroHash]] as const) {
        await expect(f.escrow.connect(f.seller).deliver(orderId, cid, hash))
          .to.be.revertedWithCustomError(f.escrow, "EscrowEmptyDelivery")
          .withArgs(orderId);
      }
      expect((await f.escrow.order(orderId)).state).to.equal(FUNDED);
    });

    it("reverts after the delivery deadline", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openNative(f);
      const { deliverBy } = await f.escrow.order(orderId);
      await time.setNextBlockTimestamp(deliverBy + 1n);
      await expect(f.escrow.connect(f.seller).deliver(orderId, CID, CONTENT_HASH))
        .to.be.revertedWithCustomError(f.escrow, "EscrowDeadlinePassed")
        .withArgs(orderId, deliverBy);
    });

    it("reverts for anyone but the seller", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openNative(f);
      for (const caller of [f.buyer, f.member, f.outsider]) {
        await expect(f.escrow.connect(caller).deliver(orderId, CID, CONTENT_HASH))
          .to.be.revertedWithCustomError(f.escrow, "EscrowNotSeller")
          .withArgs(orderId, caller.address);
      }
    });

    it("reverts for an unknown order", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      await expect(f.escrow.connect(f.seller).deliver(7n, CID, CONTENT_HASH))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(7n, NONE, FUNDED);
    });

    it("reverts when already delivered", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      await expect(f.escrow.connect(f.seller).deliver(orderId, "bafyother", ZeroHash))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(orderId, DELIVERED, FUNDED);
    });
  });

  describe("confirm", function () {
    it("releases the payment to the seller as a credit", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      const tx = f.escrow.connect(f.buyer).confirm(orderId);
      await expect(tx).to.emit(f.escrow, "OrderConfirmed").withArgs(orderId);
      await expect(tx).to.emit(f.escrow, "OrderSettled").withArgs(orderId, f.seller.address, AMOUNT);
      await expect(tx).to.changeEtherBalances(ethers, [f.escrow, f.seller], [0n, 0n]);
      expect((await f.escrow.order(orderId)).state).to.equal(RELEASED);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(AMOUNT);
      expect(await f.escrow.credit(f.buyer.address, ZeroAddress)).to.equal(0n);
    });

    it("is allowed after the confirmation deadline", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      await time.increase(CONFIRMATION_PERIOD + 1);
      await f.escrow.connect(f.buyer).confirm(orderId);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(AMOUNT);
    });

    it("reverts for anyone but the buyer", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      for (const caller of [f.seller, f.member, f.outsider]) {
        await expect(f.escrow.connect(caller).confirm(orderId))
          .to.be.revertedWithCustomError(f.escrow, "EscrowNotBuyer")
          .withArgs(orderId, caller.address);
      }
    });

    it("reverts before delivery and after settlement", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openNative(f);
      await expect(f.escrow.connect(f.buyer).confirm(orderId))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(orderId, FUNDED, DELIVERED);
      await f.escrow.connect(f.seller).deliver(orderId, CID, CONTENT_HASH);
      await f.escrow.connect(f.buyer).confirm(orderId);
      await expect(f.escrow.connect(f.buyer).confirm(orderId))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(orderId, RELEASED, DELIVERED);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(AMOUNT);
    });
  });

  describe("claimAfterConfirmationPeriod", function () {
    it("releases to the seller once the confirmation period has lapsed", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      const { confirmBy } = await f.escrow.order(orderId);
      await time.setNextBlockTimestamp(confirmBy + 1n);
      await expect(f.escrow.connect(f.seller).claimAfterConfirmationPeriod(orderId))
        .to.emit(f.escrow, "OrderSettled")
        .withArgs(orderId, f.seller.address, AMOUNT);
      expect((await f.escrow.order(orderId)).state).to.equal(RELEASED);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(AMOUNT);
    });

    it("reverts up to and including confirmBy", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      const { confirmBy } = await f.escrow.order(orderId);
      await time.setNextBlockTimestamp(confirmBy);
      await expect(f.escrow.connect(f.seller).claimAfterConfirmationPeriod(orderId))
        .to.be.revertedWithCustomError(f.escrow, "EscrowDeadlineNotReached")
        .withArgs(orderId, confirmBy);
    });

    it("reverts for anyone but the seller", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      await time.increase(CONFIRMATION_PERIOD + 1);
      for (const caller of [f.buyer, f.member]) {
        await expect(f.escrow.connect(caller).claimAfterConfirmationPeriod(orderId))
          .to.be.revertedWithCustomError(f.escrow, "EscrowNotSeller")
          .withArgs(orderId, caller.address);
      }
    });

    it("reverts before delivery and once disputed", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const funded = await openNative(f);
      await time.increase(DELIVERY_PERIOD + 1);
      await expect(f.escrow.connect(f.seller).claimAfterConfirmationPeriod(funded))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(funded, FUNDED, DELIVERED);

      const { orderId } = await openDeliverDispute(f);
      await time.increase(CONFIRMATION_PERIOD + 1);
      await expect(f.escrow.connect(f.seller).claimAfterConfirmationPeriod(orderId))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(orderId, DISPUTED, DELIVERED);
    });
  });

  describe("refund", function () {
    it("credits the buyer once the delivery period has lapsed", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openNative(f);
      const { deliverBy } = await f.escrow.order(orderId);
      await time.setNextBlockTimestamp(deliverBy + 1n);
      await expect(f.escrow.connect(f.buyer).refund(orderId))
        .to.emit(f.escrow, "OrderSettled")
        .withArgs(orderId, f.buyer.address, AMOUNT);
      expect((await f.escrow.order(orderId)).state).to.equal(REFUNDED);
      expect(await f.escrow.credit(f.buyer.address, ZeroAddress)).to.equal(AMOUNT);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(0n);
    });

    it("reverts up to and including deliverBy", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openNative(f);
      const { deliverBy } = await f.escrow.order(orderId);
      await time.setNextBlockTimestamp(deliverBy);
      await expect(f.escrow.connect(f.buyer).refund(orderId))
        .to.be.revertedWithCustomError(f.escrow, "EscrowDeadlineNotReached")
        .withArgs(orderId, deliverBy);
    });

    it("reverts for anyone but the buyer", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openNative(f);
      await time.increase(DELIVERY_PERIOD + 1);
      for (const caller of [f.seller, f.member]) {
        await expect(f.escrow.connect(caller).refund(orderId))
          .to.be.revertedWithCustomError(f.escrow, "EscrowNotBuyer")
          .withArgs(orderId, caller.address);
      }
    });

    it("reverts once delivered, even after the delivery deadline", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      await time.increase(DELIVERY_PERIOD + 1);
      await expect(f.escrow.connect(f.buyer).refund(orderId))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(orderId, DELIVERED, FUNDED);
    });
  });

  describe("dispute", function () {
    it("opens an arbiters' ballot proposal about the order", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      const tx = f.escrow.connect(f.buyer).dispute(orderId, REASON_CID);
      await expect(tx).to.emit(f.escrow, "OrderDisputed").withArgs(orderId, 1n, REASON_CID);
      const now = BigInt(await time.latest());
      await expect(tx)
        .to.emit(f.ballot, "ProposalCreated")
        .withArgs(1n, await f.escrow.getAddress(), disputeSubject(orderId), roleId("ARBITER"), now, now + 3_600n, 1n, 1n);

      const order = await f.escrow.order(orderId);
      expect(order.state).to.equal(DISPUTED);
      expect(order.disputeProposalId).to.equal(1n);
      expect(await f.escrow.disputeOrder(1n)).to.equal(orderId);
      expect(await f.escrow.disputeSubject(orderId)).to.equal(disputeSubject(orderId));
      const proposal = await f.ballot.proposal(1n);
      expect(proposal.directory).to.equal(await f.registry.getAddress());
      expect(proposal.executeBy).to.equal(now + 3_600n + 86_400n);
      expect(await f.ballot.state(1n)).to.equal(ACTIVE);
    });

    it("is accepted at confirmBy and reverts after it", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const first = await openAndDeliver(f);
      const second = await openAndDeliver(f);
      const { confirmBy } = await f.escrow.order(second);
      await time.setNextBlockTimestamp(confirmBy);
      await f.escrow.connect(f.buyer).dispute(second, REASON_CID);
      expect((await f.escrow.order(second)).state).to.equal(DISPUTED);
      // the first order was delivered one block earlier, so its confirmBy has now passed
      const firstConfirmBy = (await f.escrow.order(first)).confirmBy;
      expect(firstConfirmBy).to.be.lessThan(confirmBy);
      await expect(f.escrow.connect(f.buyer).dispute(first, REASON_CID))
        .to.be.revertedWithCustomError(f.escrow, "EscrowDeadlinePassed")
        .withArgs(first, firstConfirmBy);
    });

    it("reverts for anyone but the buyer", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      for (const caller of [f.seller, f.arbiter, f.outsider]) {
        await expect(f.escrow.connect(caller).dispute(orderId, REASON_CID))
          .to.be.revertedWithCustomError(f.escrow, "EscrowNotBuyer")
          .withArgs(orderId, caller.address);
      }
    });

    it("reverts before delivery and when already disputed", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const funded = await openNative(f);
      await expect(f.escrow.connect(f.buyer).dispute(funded, REASON_CID))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(funded, FUNDED, DELIVERED);
      const { orderId } = await openDeliverDispute(f);
      await expect(f.escrow.connect(f.buyer).dispute(orderId, REASON_CID))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(orderId, DISPUTED, DELIVERED);
    });

    it("reverts with EscrowNoArbiters when nobody holds ARBITER", async function () {
      const f = await networkHelpers.loadFixture(noArbiterFixture);
      const orderId = await openAndDeliver(f);
      await expect(f.escrow.connect(f.buyer).dispute(orderId, REASON_CID)).to.be.revertedWithCustomError(
        f.escrow,
        "EscrowNoArbiters",
      );
      expect((await f.escrow.order(orderId)).state).to.equal(DELIVERED);
      // the buyer can still confirm, or the seller claim after the period
      await time.increase(CONFIRMATION_PERIOD + 1);
      await f.escrow.connect(f.seller).claimAfterConfirmationPeriod(orderId);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(AMOUNT);
    });
  });

  describe("onBallotExecuted", function () {
    it("reverts for any caller but the ballot", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const { proposalId } = await openDeliverDispute(f);
      for (const caller of [f.buyer, f.arbiter]) {
        await expect(f.escrow.connect(caller).onBallotExecuted(proposalId))
          .to.be.revertedWithCustomError(f.escrow, "EscrowOnlyBallot")
          .withArgs(caller.address);
      }
    });

    it("reverts for a proposal that is not an escrow dispute", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const ballotAddress = await f.ballot.getAddress();
      await networkHelpers.impersonateAccount(ballotAddress);
      await networkHelpers.setBalance(ballotAddress, parseEther("1"));
      const asBallot = await ethers.getSigner(ballotAddress);
      await expect(f.escrow.connect(asBallot).onBallotExecuted(42n))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnknownDispute")
        .withArgs(42n);
      await networkHelpers.stopImpersonatingAccount(ballotAddress);
    });
  });

  describe("resolveDispute", function () {
    it("reverts while the vote is open and after the refund succeeded", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const { orderId, proposalId } = await openDeliverDispute(f);
      await expect(f.escrow.connect(f.seller).resolveDispute(orderId))
        .to.be.revertedWithCustomError(f.escrow, "EscrowDisputeNotOver")
        .withArgs(orderId, proposalId, ACTIVE);
      await f.ballot.connect(f.arbiter).castVote(proposalId, true);
      await expect(f.escrow.connect(f.seller).resolveDispute(orderId))
        .to.be.revertedWithCustomError(f.escrow, "EscrowDisputeNotOver")
        .withArgs(orderId, proposalId, SUCCEEDED);
    });

    it("releases to the seller when nobody voted (no quorum)", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const { orderId, proposalId } = await openDeliverDispute(f);
      await time.increase(DISPUTE_SETTINGS.votingPeriod + 1);
      expect(await f.ballot.state(proposalId)).to.equal(DEFEATED);
      await expect(f.escrow.connect(f.outsider).resolveDispute(orderId))
        .to.emit(f.escrow, "DisputeResolved")
        .withArgs(orderId, proposalId, false)
        .and.to.emit(f.escrow, "OrderSettled")
        .withArgs(orderId, f.seller.address, AMOUNT);
      expect((await f.escrow.order(orderId)).state).to.equal(RELEASED);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(AMOUNT);
    });

    it("releases to the seller when a successful refund expired unexecuted", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const { orderId, proposalId } = await openDeliverDispute(f);
      await f.ballot.connect(f.arbiter).castVote(proposalId, true);
      await time.increase(DISPUTE_SETTINGS.votingPeriod + DISPUTE_SETTINGS.executionWindow + 1);
      expect(await f.ballot.state(proposalId)).to.equal(EXPIRED);
      await f.escrow.connect(f.seller).resolveDispute(orderId);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(AMOUNT);
      expect(await f.escrow.credit(f.buyer.address, ZeroAddress)).to.equal(0n);
    });

    it("reverts for an order that is not disputed", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      await expect(f.escrow.resolveDispute(orderId))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(orderId, DELIVERED, DISPUTED);
    });

    it("reverts once the dispute is settled", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const { orderId, proposalId } = await openDeliverDispute(f);
      await f.ballot.connect(f.arbiter).castVote(proposalId, true);
      await f.ballot.execute(proposalId);
      await time.increase(DISPUTE_SETTINGS.votingPeriod + DISPUTE_SETTINGS.executionWindow + 1);
      await expect(f.escrow.resolveDispute(orderId))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(orderId, REFUNDED, DISPUTED);
    });
  });

  describe("withdraw", function () {
    it("pays the whole native credit once", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      await openAndDeliver(f);
      await f.escrow.connect(f.buyer).confirm(1n);
      const tx = f.escrow.connect(f.seller).withdraw(ZeroAddress);
      await expect(tx).to.changeEtherBalances(ethers, [f.escrow, f.seller], [-AMOUNT, AMOUNT]);
      await expect(tx).to.emit(f.escrow, "Withdrawn").withArgs(f.seller.address, ZeroAddress, AMOUNT);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(0n);
      await expect(f.escrow.connect(f.seller).withdraw(ZeroAddress))
        .to.be.revertedWithCustomError(f.escrow, "EscrowNothingToWithdraw")
        .withArgs(f.seller.address, ZeroAddress);
    });

    it("sums the credits of several orders", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const a = await openAndDeliver(f, AMOUNT);
      const b = await openAndDeliver(f, 3n * AMOUNT);
      await f.escrow.connect(f.buyer).confirm(a);
      await f.escrow.connect(f.buyer).confirm(b);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(4n * AMOUNT);
      await expect(f.escrow.connect(f.seller).withdraw(ZeroAddress)).to.changeEtherBalances(
        ethers,
        [f.escrow, f.seller],
        [-4n * AMOUNT, 4n * AMOUNT],
      );
    });

    it("reverts with nothing to withdraw", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      await openNative(f);
      await expect(f.escrow.connect(f.seller).withdraw(ZeroAddress))
        .to.be.revertedWithCustomError(f.escrow, "EscrowNothingToWithdraw")
        .withArgs(f.seller.address, ZeroAddress);
      const token = await f.token.getAddress();
      await expect(f.escrow.connect(f.buyer).withdraw(token))
        .to.be.revertedWithCustomError(f.escrow, "EscrowNothingToWithdraw")
        .withArgs(f.buyer.address, token);
    });

    it("reverts with EscrowTransferFailed when the receiver refuses, keeping the credit", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const receiver: ReentrantReceiver = await ethers.deployContract("ReentrantReceiver", [f.escrow]);
      const receiverAddress = await receiver.getAddress();
      await admitMember(f, receiverAddress);
      await receiver.openOrder(orderParams(f.seller.address), { value: AMOUNT });
      await time.increase(DELIVERY_PERIOD + 1);
      await receiver.refund(1n);
      await receiver.setRejectPayments(true);
      await expect(receiver.withdraw())
        .to.be.revertedWithCustomError(f.escrow, "EscrowTransferFailed")
        .withArgs(receiverAddress, AMOUNT);
      expect(await f.escrow.credit(receiverAddress, ZeroAddress)).to.equal(AMOUNT);
      await receiver.setRejectPayments(false);
      await expect(receiver.withdraw()).to.changeEtherBalances(ethers, [f.escrow, receiver], [-AMOUNT, AMOUNT]);
    });

    it("cannot be re-entered to drain the escrow", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const receiver: ReentrantReceiver = await ethers.deployContract("ReentrantReceiver", [f.escrow]);
      const receiverAddress = await receiver.getAddress();
      await admitMember(f, receiverAddress);
      // other funds in the escrow that a re-entrant withdrawal could try to take
      await openNative(f, 5n * AMOUNT);
      await receiver.openOrder(orderParams(f.seller.address), { value: AMOUNT });
      const receiverOrder = await f.escrow.orderCount();
      await time.increase(DELIVERY_PERIOD + 1);
      await receiver.refund(receiverOrder);

      await expect(receiver.withdraw()).to.changeEtherBalances(ethers, [f.escrow, receiver], [-AMOUNT, AMOUNT]);
      expect(await receiver.reentryAttempts()).to.equal(1n);
      expect(await receiver.reentrySuccesses()).to.equal(0n);
      const guardError = f.escrow.interface.getError("ReentrancyGuardReentrantCall")!.selector;
      expect(await receiver.lastReentryError()).to.equal(guardError);
      expect(await ethers.provider.getBalance(f.escrow)).to.equal(5n * AMOUNT);
      expect(await f.escrow.credit(receiverAddress, ZeroAddress)).to.equal(0n);
    });
  });

  describe("order", function () {
    it("reverts for an unknown order", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      for (const orderId of [0n, 1n]) {
        await expect(f.escrow.order(orderId))
          .to.be.revertedWithCustomError(f.escrow, "EscrowUnknownOrder")
          .withArgs(orderId);
      }
    });
  });

  describe("full paths", function () {
    it("open → deliver → confirm → seller withdraws", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      await f.escrow.connect(f.buyer).confirm(orderId);
      await expect(f.escrow.connect(f.seller).withdraw(ZeroAddress)).to.changeEtherBalances(
        ethers,
        [f.escrow, f.seller],
        [-AMOUNT, AMOUNT],
      );
      expect(await ethers.provider.getBalance(f.escrow)).to.equal(0n);
    });

    it("open → deliver → confirmation lapses → seller claims and withdraws", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openAndDeliver(f);
      await time.increase(CONFIRMATION_PERIOD + 1);
      await f.escrow.connect(f.seller).claimAfterConfirmationPeriod(orderId);
      await expect(f.escrow.connect(f.seller).withdraw(ZeroAddress)).to.changeEtherBalances(
        ethers,
        [f.escrow, f.seller],
        [-AMOUNT, AMOUNT],
      );
    });

    it("open → no delivery → buyer refunded and withdraws", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const orderId = await openNative(f);
      await time.increase(DELIVERY_PERIOD + 1);
      await f.escrow.connect(f.buyer).refund(orderId);
      await expect(f.escrow.connect(f.buyer).withdraw(ZeroAddress)).to.changeEtherBalances(
        ethers,
        [f.escrow, f.buyer],
        [-AMOUNT, AMOUNT],
      );
      await expect(f.escrow.connect(f.seller).deliver(orderId, CID, CONTENT_HASH))
        .to.be.revertedWithCustomError(f.escrow, "EscrowUnexpectedState")
        .withArgs(orderId, REFUNDED, FUNDED);
    });

    it("dispute → arbiter votes for → executed → buyer refunded", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const { orderId, proposalId } = await openDeliverDispute(f);
      await f.ballot.connect(f.arbiter).castVoteWithNote(proposalId, true, "bafy-arbiter-finding");
      expect(await f.ballot.state(proposalId)).to.equal(SUCCEEDED);
      const tx = f.ballot.connect(f.outsider).execute(proposalId);
      await expect(tx).to.emit(f.escrow, "DisputeResolved").withArgs(orderId, proposalId, true);
      await expect(tx).to.emit(f.escrow, "OrderSettled").withArgs(orderId, f.buyer.address, AMOUNT);
      expect((await f.escrow.order(orderId)).state).to.equal(REFUNDED);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(0n);
      await expect(f.escrow.connect(f.buyer).withdraw(ZeroAddress)).to.changeEtherBalances(
        ethers,
        [f.escrow, f.buyer],
        [-AMOUNT, AMOUNT],
      );
    });

    it("dispute → arbiter votes against → defeated → seller paid", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const { orderId, proposalId } = await openDeliverDispute(f);
      await f.ballot.connect(f.arbiter).castVote(proposalId, false);
      expect(await f.ballot.state(proposalId)).to.equal(DEFEATED);
      await f.escrow.connect(f.seller).resolveDispute(orderId);
      expect((await f.escrow.order(orderId)).state).to.equal(RELEASED);
      await expect(f.escrow.connect(f.seller).withdraw(ZeroAddress)).to.changeEtherBalances(
        ethers,
        [f.escrow, f.seller],
        [-AMOUNT, AMOUNT],
      );
      expect(await f.escrow.credit(f.buyer.address, ZeroAddress)).to.equal(0n);
    });

    it("ERC-20: open → deliver → confirm → withdraw; dispute → refund → withdraw", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const token = await f.token.getAddress();
      await f.token.mint(f.buyer.address, 3n * AMOUNT);
      await f.token.connect(f.buyer).approve(f.escrow, 3n * AMOUNT);
      await f.escrow.connect(f.buyer).openOrder(orderParams(f.seller.address, { token }));
      await f.escrow.connect(f.buyer).openOrder(orderParams(f.seller.address, { token, amount: 2n * AMOUNT }));
      await f.escrow.connect(f.seller).deliver(1n, CID, CONTENT_HASH);
      await f.escrow.connect(f.seller).deliver(2n, CID, CONTENT_HASH);
      await f.escrow.connect(f.buyer).confirm(1n);
      await f.escrow.connect(f.buyer).dispute(2n, REASON_CID);
      const proposalId = (await f.escrow.order(2n)).disputeProposalId;
      await f.ballot.connect(f.arbiter).castVote(proposalId, true);
      await f.ballot.execute(proposalId);

      expect(await f.escrow.credit(f.seller.address, token)).to.equal(AMOUNT);
      expect(await f.escrow.credit(f.buyer.address, token)).to.equal(2n * AMOUNT);
      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(0n);
      await expect(f.escrow.connect(f.seller).withdraw(token))
        .to.emit(f.escrow, "Withdrawn")
        .withArgs(f.seller.address, token, AMOUNT);
      await expect(f.escrow.connect(f.buyer).withdraw(token)).to.changeTokenBalances(
        ethers,
        f.token,
        [f.escrow, f.buyer],
        [-2n * AMOUNT, 2n * AMOUNT],
      );
      expect(await f.token.balanceOf(f.seller.address)).to.equal(AMOUNT);
      expect(await f.token.balanceOf(f.escrow)).to.equal(0n);
    });

    it("keeps the escrow balance equal to locked orders plus unwithdrawn credits", async function () {
      const f = await networkHelpers.loadFixture(escrowFixture);
      const parties = [f.buyer.address, f.seller.address, f.member.address];
      const amounts = [AMOUNT, 2n * AMOUNT, 3n * AMOUNT, 4n * AMOUNT, 5n * AMOUNT, 6n * AMOUNT];
      const ids: bigint[] = [];
      for (const amount of amounts) ids.push(await openNative(f, amount));
      const [confirmed, claimed, refunded, disputedRefund, disputedRelease, stillFunded] = ids as [
        bigint,
        bigint,
        bigint,
        bigint,
        bigint,
        bigint,
      ];
      for (const orderId of [confirmed, claimed, disputedRefund, disputedRelease]) {
        await f.escrow.connect(f.seller).deliver(orderId, CID, CONTENT_HASH);
      }
      await expectBalanceAccountedFor(f, ZeroAddress, parties, 21n * AMOUNT);

      await f.escrow.connect(f.buyer).confirm(confirmed);
      await f.escrow.connect(f.buyer).dispute(disputedRefund, REASON_CID);
      await f.escrow.connect(f.buyer).dispute(disputedRelease, REASON_CID);
      const refundProposal = (await f.escrow.order(disputedRefund)).disputeProposalId;
      const releaseProposal = (await f.escrow.order(disputedRelease)).disputeProposalId;
      await f.ballot.connect(f.arbiter).castVote(refundProposal, true);
      await f.ballot.connect(f.arbiter).castVote(releaseProposal, false);
      await f.ballot.execute(refundProposal);
      await f.escrow.resolveDispute(disputedRelease);
      // locked: claimed (2), refunded (3, still Funded), stillFunded (6)
      await expectBalanceAccountedFor(f, ZeroAddress, parties, 11n * AMOUNT);

      await f.escrow.connect(f.seller).withdraw(ZeroAddress); // 1 + 5
      await time.increase(DELIVERY_PERIOD + 1);
      await f.escrow.connect(f.seller).claimAfterConfirmationPeriod(claimed);
      await f.escrow.connect(f.buyer).refund(refunded);
      await expectBalanceAccountedFor(f, ZeroAddress, parties, 6n * AMOUNT);

      expect(await f.escrow.credit(f.seller.address, ZeroAddress)).to.equal(2n * AMOUNT);
      expect(await f.escrow.credit(f.buyer.address, ZeroAddress)).to.equal(3n * AMOUNT + 4n * AMOUNT);
      expect(await ethers.provider.getBalance(f.escrow)).to.equal(15n * AMOUNT);
      expect((await f.escrow.order(stillFunded)).state).to.equal(FUNDED);
    });
  });
});
