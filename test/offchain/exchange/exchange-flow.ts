import { expect } from "chai";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";

import { Wallet, ZeroAddress, keccak256, toUtf8Bytes } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { connectConsortium, orderStateOf, participantPaths } from "../../../offchain/chain/index.js";
import {
  ENTRY_STATES,
  NotARecipientError,
  buildDelivery,
  buyData,
  certifyData,
  deliveryHashOf,
  entryHistory,
  inspectEntry,
  offerData,
  rejectData,
  requestData,
  stateName,
  submitData,
  tradeProvenance,
  type UsageTerms,
} from "../../../offchain/exchange/index.js";
import { setUpExchangeWorld, type ExchangeActor, type ExchangeWorld } from "../../helpers/exchange-world.js";

const TERMS: UsageTerms = { purposes: ["quality-audit"], resale: true, retentionDays: 30, attribution: "test" };
const encode = (text: string) => new TextEncoder().encode(text);

/**
 * The exchange part end to end on the in-process chain with six members, each with its own
 * Helia node, information server and (where started) agent: device-signed submissions sealed
 * to the regulators, validation with a rejection and a resubmission, a trade carried out by the
 * agents (match, buy, deliver, check, confirm), circulation through a proxy with provenance, a
 * lying supplier disputed and refunded, and a supplier that never delivers refunded.
 */
describe("exchange flow: devices, regulators, market, proxy, disputes (in-process chain, real Helia nodes and agents)", function () {
  this.timeout(180_000);
  let connection: NetworkConnection;
  let world: ExchangeWorld;
  let actor: (name: string) => ExchangeActor;
  let certifiedEntry: bigint;
  /** Chemicals B's certified entry (its agent stopped from the dispute test on). */
  let chemicalsEntry: bigint;
  const dataset = "lot,melt_flow_index\nRAW-7,31.8\nRAW-7,32.1\n";

  /** A device of `owner`, registered by it and approved by the regulator. */
  const approvedDevice = async (owner: string) => {
    const device = Wallet.createRandom();
    await (await actor(owner).registry.registerDevice(device.address, keccak256(toUtf8Bytes(`device of ${owner}`)))).wait();
    await (await actor("regulator").registry.approveDevice(device.address)).wait();
    return device;
  };

  before(async function () {
    connection = await network.create();
    world = await setUpExchangeWorld(connection);
    actor = (name) => world.actors[name]!;
    // Chemicals B buys what the matching agent matches with its requests.
    await writeFile(participantPaths({ name: "chemicals-b", home: world.home }).policy, JSON.stringify({ exchangeAutoBuy: true }));
  });

  after(async function () {
    await world?.stop();
    await connection?.close();
  });

  it("seals each submission's key to every regulator; a non-regulator cannot open it", async function () {
    const device = await approvedDevice("materials-a");
    const submitted = await submitData({ party: actor("materials-a").party, device, data: encode("lot,moisture\nRAW-7,42\n"), category: "materials.quality", description: "first try", mediaType: "text/csv" });
    expect(new Set(submitted.regulators)).to.deep.equal(new Set([actor("regulator").party.address, actor("auditor").party.address]));
    for (const regulator of ["regulator", "auditor"]) {
      const { data, problems, metadata } = await inspectEntry({ party: actor(regulator).party, entryId: submitted.entryId });
      expect(problems).to.deep.equal([]);
      expect(new TextDecoder().decode(data)).to.equal("lot,moisture\nRAW-7,42\n");
      expect(metadata.device).to.equal(device.address);
    }
    let refused: unknown;
    await inspectEntry({ party: actor("servicer-s").party, entryId: submitted.entryId }).catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(NotARecipientError);
  });

  it("keeps the history of a rejection, a resubmission and a certification", async function () {
    const device = await approvedDevice("materials-a");
    const first = await submitData({ party: actor("materials-a").party, device, data: encode("lot,mfi\nRAW-7,31.8\n"), category: "materials.quality", description: "no units", mediaType: "text/csv" });
    await rejectData({ party: actor("regulator").party, entryId: first.entryId, reason: "units missing" });
    const second = await submitData({ party: actor("materials-a").party, device, data: encode(dataset), category: "materials.quality", description: "with units", mediaType: "text/csv", resubmits: first.entryId });
    const { certificateCid } = await certifyData({ party: actor("auditor").party, entryId: second.entryId, statement: "within specification" });
    const certificate = JSON.parse(new TextDecoder().decode(await actor("auditor").store.get(certificateCid))) as Record<string, string>;
    expect(certificate["fingerprint"]).to.equal(second.fingerprint);
    const history = await entryHistory({ dataRegistry: actor("servicer-s").party.contracts.dataRegistry, entryId: first.entryId });
    expect(history.map((h) => [h.entryId, h.state, h.rejectionReason, h.certificateCid])).to.deep.equal([
      [first.entryId, "Rejected", "units missing", ""],
      [second.entryId, "Certified", "", certificateCid],
    ]);
    certifiedEntry = second.entryId;
  });

  it("refuses a submission signed by a device no regulator approved", async function () {
    const device = Wallet.createRandom();
    await (await actor("materials-a").registry.registerDevice(device.address, keccak256(toUtf8Bytes("unapproved")))).wait();
    let refused: unknown;
    await submitData({ party: actor("materials-a").party, device, data: encode("x"), category: "materials.quality", description: "", mediaType: "text/plain" }).catch((error: unknown) => (refused = error));
    expect(String((refused as { revert?: { name?: string } })?.revert?.name ?? refused)).to.match(/DataDeviceNotApproved/);
  });

  it("carries a trade out by the agents: match, buy, deliver, check against the fingerprint, confirm, record the sharing", async function () {
    for (const name of ["materials-a", "chemicals-b", "servicer-s"]) await world.startAgent(name);
    const offer = await offerData({ party: actor("materials-a").party, entryId: certifiedEntry, category: "materials.quality", price: 1_000n, deliveryPeriod: 3_600n, confirmationPeriod: 3_600n, usageTerms: TERMS });
    const request = await requestData({ party: actor("chemicals-b").party, requirements: { category: "materials.quality", purpose: "quality-audit", description: "" }, maxPrice: 5_000n });
    const market = actor("chemicals-b").party.contracts.dataMarket;
    await world.waitFor("the request filled and shared", async () => {
      const filled = (await market.requestOf(request.requestId)).filledBy;
      return filled !== 0n && (await market.tradeOf(filled)).state === 2n;
    });
    const trade = (await market.requestOf(request.requestId)).filledBy;
    expect((await market.requestOf(request.requestId)).matchedOffer).to.equal(offer.offerId);
    expect(orderStateOf(await actor("chemicals-b").party.contracts.escrow.order(trade))).to.equal("Released");
    const received = path.join(actor("chemicals-b").participant.directory, "exchange", "received");
    const [file] = await readdir(received);
    expect(await readFile(path.join(received, file!), "utf8")).to.equal(dataset);
    await world.waitFor("the supplier's credit withdrawn", async () => (await actor("materials-a").party.contracts.escrow.credit(actor("materials-a").party.address, ZeroAddress)) === 0n);
    expect(world.lines.join("\n")).to.match(/\[materials-a\] withdrew 1000 from the escrow/);
  });

  it("circulates through a proxy: source → proxy → enterprise, each hop a linked trade with its usage terms", async function () {
    await world.startAgent("auditor");
    const market = actor("servicer-s").party.contracts.dataMarket;
    const sourceOffer = await offerData({ party: actor("materials-a").party, entryId: certifiedEntry, category: "materials.quality", price: 2_000n, deliveryPeriod: 3_600n, confirmationPeriod: 3_600n, usageTerms: TERMS });
    const proxyBuy = await buyData({ party: actor("servicer-s").party, offerId: sourceOffer.offerId });
    await world.waitFor("the proxy's trade shared", async () => (await market.tradeOf(proxyBuy.orderId)).state === 2n);
    const proxyTerms: UsageTerms = { purposes: ["quality-audit"], resale: false, retentionDays: 7, attribution: "via servicer" };
    const proxyOffer = await offerData({ party: actor("servicer-s").party, entryId: certifiedEntry, category: "materials.quality", price: 3_000n, deliveryPeriod: 3_600n, confirmationPeriod: 3_600n, usageTerms: proxyTerms, upstreamTrade: proxyBuy.orderId });
    const enterpriseBuy = await buyData({ party: actor("auditor").party, offerId: proxyOffer.offerId });
    await world.waitFor("the enterprise's trade shared", async () => (await market.tradeOf(enterpriseBuy.orderId)).state === 2n);
    const hops = await tradeProvenance({ market, orderId: enterpriseBuy.orderId });
    expect(hops.map((h) => [h.orderId, world.nameOf(h.supplier), world.nameOf(h.buyer), h.state, h.resaleAllowed])).to.deep.equal([
      [proxyBuy.orderId, "Materials A", "Servicer S", "Shared", true],
      [enterpriseBuy.orderId, "Servicer S", "Auditor", "Shared", false],
    ]);
    // The enterprise fetched the ciphertext from the proxy's node, not from the source.
    expect(world.lines.join("\n")).to.match(/\[auditor\] trade #\d+: confirmed, payment released to 0x/);
    // The proxy may not sell on what it bought without resale rights.
    let refused: unknown;
    await offerData({ party: actor("auditor").party, entryId: certifiedEntry, category: "materials.quality", price: 1n, deliveryPeriod: 60n, confirmationPeriod: 60n, usageTerms: TERMS, upstreamTrade: enterpriseBuy.orderId }).catch((e: unknown) => (refused = e));
    expect(String((refused as { revert?: { name?: string } })?.revert?.name ?? refused)).to.match(/MarketResaleNotAllowed/);
  });

  it("disputes a delivery whose key does not open the data; the arbiters refund the buyer", async function () {
    await world.stopAgent("chemicals-b"); // B delivers by hand below, and lies
    const device = await approvedDevice("chemicals-b");
    const entry = await submitData({ party: actor("chemicals-b").party, device, data: encode("additive,ppm\nUV-3,800\n"), category: "chemicals.spec", description: "", mediaType: "text/csv" });
    await certifyData({ party: actor("regulator").party, entryId: entry.entryId, statement: "ok" });
    chemicalsEntry = entry.entryId;
    const offer = await offerData({ party: actor("chemicals-b").party, entryId: entry.entryId, category: "chemicals.spec", price: 4_000n, deliveryPeriod: 3_600n, confirmationPeriod: 3_600n, usageTerms: TERMS });
    const bought = await buyData({ party: actor("materials-a").party, offerId: offer.offerId });
    const b = actor("chemicals-b").party;
    const { chainId } = await b.signer.provider!.getNetwork();
    const lie = await buildDelivery({
      dataKey: new Uint8Array(32).fill(7),
      entryId: entry.entryId,
      entryCid: entry.entryCid,
      orderId: bought.orderId,
      chainId,
      market: await b.contracts.dataMarket.getAddress(),
      buyerEncryptionKey: (await b.registry.member(actor("materials-a").party.address)).profile.encryptionKey,
    });
    const cid = await b.store.put(lie);
    await b.store.pin(cid);
    await (await b.contracts.escrow.deliver(bought.orderId, cid, deliveryHashOf(lie))).wait();
    const escrow = b.contracts.escrow;
    await world.waitFor("A's agent disputing", async () => orderStateOf(await escrow.order(bought.orderId)) === "Disputed");
    expect(world.lines.join("\n")).to.match(/\[materials-a\] ERROR trade #\d+: delivery failed its check/);
    const proposalId = (await escrow.order(bought.orderId)).disputeProposalId;
    for (const arbiter of ["regulator", "auditor"]) {
      const { ballot } = connectConsortium({ deployment: world.deployment, runner: actor(arbiter).party.signer });
      await (await ballot.castVote(proposalId, true)).wait();
    }
    const { ballot } = connectConsortium({ deployment: world.deployment, runner: actor("regulator").party.signer });
    if ((await escrow.order(bought.orderId)).state !== 4n) await (await ballot.execute(proposalId)).wait();
    expect(orderStateOf(await escrow.order(bought.orderId))).to.equal("Refunded");
    expect((await b.contracts.dataMarket.tradeOf(bought.orderId)).state).to.equal(1n); // Open for ever: nothing was shared
  });

  it("refunds the buyer when the supplier never delivers", async function () {
    const offer = await offerData({ party: actor("chemicals-b").party, entryId: chemicalsEntry, category: "chemicals.spec", price: 500n, deliveryPeriod: 60n, confirmationPeriod: 60n, usageTerms: TERMS });
    const bought = await buyData({ party: actor("servicer-s").party, offerId: offer.offerId });
    const { networkHelpers } = connection;
    await networkHelpers.time.increase(61);
    await (await actor("servicer-s").party.contracts.escrow.refund(bought.orderId)).wait();
    const escrow = actor("servicer-s").party.contracts.escrow;
    expect(orderStateOf(await escrow.order(bought.orderId))).to.equal("Refunded");
    expect(stateName(ENTRY_STATES, await actor("servicer-s").party.contracts.dataRegistry.entryState(chemicalsEntry))).to.equal("Certified");
  });
});
