import { expect } from "chai";
import { ZeroAddress, keccak256, parseEther } from "ethers";
import { network } from "hardhat";

import { encryptTo, rerandomize } from "../../../offchain/crypto/index.js";
import {
  QUALITY_CONTEXTS,
  QualityStateError,
  acceptXorPost,
  answerRequest,
  buyXor,
  checkDelivery,
  deliverXor,
  lotIdOf,
  offerXor,
  publishQualityPair,
  readAnswer,
  readQualityHistory,
  requestComparison,
  serializeRequestBundle,
  loadPurchasedXor,
} from "../../../offchain/quality/index.js";
import { withdrawEscrowCredit } from "../../../offchain/chain/index.js";
import { TEST_KEY_BITS, setUpQualityWorld, type QualityWorld } from "../../helpers/quality-world.js";

const connection = await network.create();
const { ethers } = connection;
const PRICE = parseEther("0.01");
const TERMS = { token: ZeroAddress, price: PRICE, deliveryPeriod: 86_400n, confirmationPeriod: 86_400n };

describe("offchain/quality protocol steps (real wallets, Helia nodes on loopback, TEST-ONLY 512-bit Paillier keys)", function () {
  this.timeout(60_000);
  let world: QualityWorld;

  before(async () => {
    world = await setUpQualityWorld(connection);
  });
  after(async () => {
    await world?.stop();
  });

  const publish = async (lot: string, x: bigint, y: bigint) =>
    publishQualityPair({
      party: world.b.party,
      channel: world.b.contracts.channel,
      vault: world.b.vault,
      lotId: lotIdOf(lot),
      lotDescription: `resin pellets, ${lot}`,
      labelT: "2024-05-01",
      labelT1: "2024-05-08",
      x,
      y,
      bitLength: 8,
      servicer: world.s.party.address,
      keyBits: TEST_KEY_BITS,
      allowInsecureKeySize: true, // TEST ONLY
    });

  const sell = async (pairId: bigint) => {
    const { s } = world;
    const accepted = await acceptXorPost({ party: s.party, channel: s.contracts.channel, pairId });
    const { offerId } = await offerXor({ market: s.contracts.market, servicer: s.party.address, pairId, terms: TERMS });
    return { accepted, offerId };
  };

  it("runs B publish → S verify + offer → A buy → S deliver → A confirm → A request → B answer → A verify", async () => {
    const { a, b, s } = world;
    const published = await publish("lot-1", 0b1011_0110n, 0b1010_0011n); // X=182 > Y=163, highest differing bit 4
    expect(published.pairId).to.equal(1n);
    const onChain = await b.contracts.channel.pair(published.pairId);
    expect(onChain.params.bundleHash).to.equal(published.bundleHash);
    expect((await b.contracts.channel.xorPost(published.pairId, s.party.address)).xorBundleHash).to.equal(published.xorBundleHash);

    const { accepted, offerId } = await sell(published.pairId);
    expect(keccak256(accepted.xorBundle)).to.equal(published.xorBundleHash);
    // Offering again with the same terms sends nothing.
    const nonceS = await ethers.provider.getTransactionCount(s.party.address);
    expect((await offerXor({ market: s.contracts.market, servicer: s.party.address, pairId: published.pairId, terms: TERMS })).offerId).to.equal(offerId);
    expect(await ethers.provider.getTransactionCount(s.party.address)).to.equal(nonceS);

    const { orderId } = await buyXor({ market: a.contracts.market, escrow: a.contracts.escrow, buyer: a.party.address, offerId });
    expect((await buyXor({ market: a.contracts.market, escrow: a.contracts.escrow, buyer: a.party.address, offerId })).txHashes).to.deep.equal([]);

    const delivered = await deliverXor({ party: s.party, ...pick(s), orderId });
    expect(delivered).to.have.property("txHash");
    expect(await deliverXor({ party: s.party, ...pick(s), orderId })).to.deep.equal({ skipped: `order ${orderId} is Delivered` });

    const checked = await checkDelivery({ party: a.party, ...pick(a), orderId });
    expect(checked.verdict.verdict).to.equal("ok");
    expect((await a.contracts.escrow.order(orderId)).state).to.equal(3n); // Released
    const withdrawn = await withdrawEscrowCredit({ escrow: s.contracts.escrow, account: s.party.address, token: ZeroAddress });
    expect(withdrawn.amount).to.equal(PRICE);

    const { requestId } = await requestComparison({ party: a.party, ...pick(a), board: a.contracts.board, pairId: published.pairId });
    const answered = await answerRequest({ party: b.party, channel: b.contracts.channel, board: b.contracts.board, vault: b.vault, requestId, disclose: "relation-and-index" });
    expect(answered.outcome).to.equal("answered");
    const { entry, appended } = await readAnswer({ party: a.party, ...pick(a), board: a.contracts.board, requestId, historyFile: a.historyFile });
    expect(appended).to.equal(true);
    expect(entry).to.include({ relation: "X>Y", highestDifferingBit: 4, bound: "|X−Y| < 2^5", labelT: "2024-05-01", labelT1: "2024-05-08", pairId: "1" });
    expect(entry.lotId).to.equal(lotIdOf("lot-1"));
    // Reading again appends nothing.
    expect((await readAnswer({ party: a.party, ...pick(a), board: a.contracts.board, requestId, historyFile: a.historyFile })).appended).to.equal(false);
    expect(await readQualityHistory({ file: a.historyFile })).to.have.length(1);
  });

  it("B rejects a probing request (vectors that differ from its recomputation) with reason 2 on chain", async () => {
    const { a, b } = world;
    // A bought pair 1 above; it now sends re-randomised vectors (same plaintexts, other ciphertexts).
    const { pair, bundle } = await loadPurchasedXor({ party: a.party, ...pick(a), pairId: 1n });
    const { computeComparisonVectors } = await import("../../../offchain/crypto/index.js");
    const honest = computeComparisonVectors({ publicKey: pair.publicKey, ex: pair.bundle.ex, ey: pair.bundle.ey, exor: bundle.exor });
    const probing = serializeRequestBundle({
      publicKey: pair.publicKey,
      bitLength: pair.bitLength,
      pairRef: pair.pairRef,
      lt: honest.lt.map((c) => rerandomize({ publicKey: pair.publicKey, c })),
      gt: honest.gt,
    });
    const { profile } = await a.party.registry.member(pair.owner);
    const envelope = encryptTo({ recipientPublicKey: Buffer.from(profile.encryptionKey.slice(2), "hex"), plaintext: probing, context: QUALITY_CONTEXTS.request });
    const cid = await a.store.put(envelope);
    await (await a.contracts.board.request(1n, cid, keccak256(envelope))).wait();
    const requestId = await a.contracts.board.requestCount();
    const result = await answerRequest({ party: b.party, channel: b.contracts.channel, board: b.contracts.board, vault: b.vault, requestId, disclose: "relation-and-index" });
    expect(result).to.include({ outcome: "rejected", reason: 2 });
    const stored = await a.contracts.board.requestOf(requestId);
    expect(stored.rejectReason).to.equal(2n);
    expect(await a.contracts.board.state(requestId)).to.equal(3n); // Rejected
  });

  it("A disputes a delivery that does not match B's commitment", async () => {
    const { a, s } = world;
    const published = await publish("lot-2", 5n, 9n);
    const { offerId } = await sell(published.pairId);
    const { orderId } = await buyXor({ market: a.contracts.market, escrow: a.contracts.escrow, buyer: a.party.address, offerId });
    // S delivers the XOR bundle of ANOTHER pair (pair 1), properly encrypted to A.
    const wrong = await acceptXorPost({ party: s.party, channel: s.contracts.channel, pairId: 1n });
    const { profile } = await s.party.registry.member(a.party.address);
    const envelope = encryptTo({ recipientPublicKey: Buffer.from(profile.encryptionKey.slice(2), "hex"), plaintext: wrong.xorBundle, context: QUALITY_CONTEXTS.xorToBuyer });
    const cid = await s.store.put(envelope);
    await (await s.contracts.escrow.deliver(orderId, cid, keccak256(envelope))).wait();

    const checked = await checkDelivery({ party: a.party, ...pick(a), orderId });
    expect(checked.verdict.verdict).to.equal("bad");
    if (checked.verdict.verdict === "bad") expect(checked.verdict.reason).to.match(/does not match the owner's commitment/);
    const order = await a.contracts.escrow.order(orderId);
    expect(order.state).to.equal(5n); // Disputed
    expect(order.disputeProposalId).to.not.equal(0n);

    // A verified purchase of another pair is refused rather than used for this one.
    const purchasedPair1 = await loadPurchasedXor({ party: a.party, ...pick(a), pairId: 1n });
    const refused = await requestComparison({ party: a.party, ...pick(a), board: a.contracts.board, pairId: published.pairId, purchased: purchasedPair1 }).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(QualityStateError);
    expect((refused as Error).message).to.contain(`pair ${published.pairId}`);
  });
});

function pick(actor: QualityWorld["a"]) {
  const { channel, market, escrow } = actor.contracts;
  return { channel, market, escrow };
}
