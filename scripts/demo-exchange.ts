// The exchange and trace part of the demo (ITU-T FG-DPM D3.6): a lot of raw material is
// split, processed, merged into a product container and traced back to its origin with every
// hop verified; a certified dataset is sold through a proxy. Called by scripts/demo.ts, whose
// agents (regulators verifying records, suppliers delivering, buyers checking) do their part.
import { readFileSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { Wallet, ZeroAddress, keccak256, toUtf8Bytes, type Provider } from "ethers";

import { connectConsortium, connectExchange, type Deployment, type Participant } from "../offchain/chain/index.js";
import { buyData, certifyData, offerData, requestData, submitData, tradeProvenance, type ExchangeParty } from "../offchain/exchange/index.js";
import { mapObjects, objectIdOf, queryCustody, recordTrace, renderProvenanceTree, informationServerPaths, type TraceParty } from "../offchain/trace/index.js";
import { until } from "./demo-helpers.js";

type DemoCompany = { organisation: { name: string; organisation: string }; participant: Participant };

export type ExchangeStoryParameters<C extends DemoCompany> = {
  step: (title: string) => void;
  say: (line: string) => void;
  byName: (name: string) => C;
  companyName: (address: string) => string;
  exchangeParty: (company: C) => ExchangeParty;
  traceParty: (company: C) => TraceParty;
  provider: Provider;
  deployment: Pick<Deployment, "address">;
};

const ETHER = 10n ** 18n;
const eth = (wei: bigint) => `${Number(wei) / Number(ETHER)} ETH`;

export async function runExchangeStory<C extends DemoCompany>({ step, say, byName, companyName, exchangeParty, traceParty, provider, deployment }: ExchangeStoryParameters<C>) {
  const materials = byName("materials-a");
  const chemicals = byName("chemicals-b");
  const carrier = byName("carrier-f");
  const servicer = byName("servicer-s");
  const regulator = byName("regulator");
  const { traceLedger, dataMarket, dataRegistry } = connectExchange({ deployment, runner: provider });
  const k = await traceLedger.requiredConfirmations();

  step("Traceability: raw resin lot RAW-7 is split, processed, merged into container PRODUCT-C1 and shipped; each holder posts signed records");
  const [rawLot, batchA, batchB, batchC, additive, product] = ["RAW-7", "BATCH-7A", "BATCH-7B", "BATCH-7C", "ADDITIVE-3", "PRODUCT-C1"].map(objectIdOf) as [string, string, string, string, string, string];
  const posted: string[] = [];
  const note = (line: string) => posted.push(line);
  const a = traceParty(materials);
  const b = traceParty(chemicals);
  const f = traceParty(carrier);
  let r = await recordTrace({ party: a, objectId: rawLot, to: a.address, origin: true, step: "produced", details: { product: "PET resin", tonnes: 12, site: "Plant A, line 3" } });
  note(`record #${r.recordId}: RAW-7 produced by Materials A`);
  let m = await mapObjects({ party: a, kind: "split", inputs: [rawLot], outputs: [batchA, batchB, batchC], step: "split", details: { tonnesEach: 4 } });
  note(`mapping #${m.mappingId}: RAW-7 split into BATCH-7A, -7B, -7C`);
  for (const batch of [batchA, batchB]) {
    r = await recordTrace({ party: a, objectId: batch, to: b.address, step: "shipped", details: { truck: "A-TR-12" } });
    note(`record #${r.recordId}: ${batch === batchA ? "BATCH-7A" : "BATCH-7B"} Materials A → Chemicals B`);
  }
  r = await recordTrace({ party: b, objectId: additive, to: b.address, origin: true, step: "produced", details: { product: "UV stabiliser", kg: 80 } });
  note(`record #${r.recordId}: ADDITIVE-3 produced by Chemicals B`);
  r = await recordTrace({ party: b, objectId: batchA, to: b.address, step: "processed", details: { process: "compounding", temperatureC: 265 } });
  note(`record #${r.recordId}: BATCH-7A processed at Chemicals B`);
  m = await mapObjects({ party: b, kind: "merge", inputs: [batchA, batchB, additive], outputs: [product], step: "packed", details: { container: "MSKU-7731" } });
  note(`mapping #${m.mappingId}: BATCH-7A + BATCH-7B + ADDITIVE-3 merged into PRODUCT-C1`);
  r = await recordTrace({ party: b, objectId: product, to: f.address, step: "shipped", details: { port: "Rotterdam" } });
  note(`record #${r.recordId}: PRODUCT-C1 Chemicals B → Carrier F`);
  r = await recordTrace({ party: f, objectId: product, to: servicer.participant.wallet.address, step: "delivered", details: { signedBy: "S. Servicer" } });
  note(`record #${r.recordId}: PRODUCT-C1 Carrier F → Servicer S`);
  for (const line of posted) say(line);
  say("each record: the data goes to the holder's own information server; the chain gets its keccak256, the server URL, both accounts and the holder's EIP-712 signature");

  step(`The regulators' agents verify each record (signature, data fetched from the holder's server and hashed) and confirm it: ${k} confirmations accept it`);
  const records = await traceLedger.recordCount();
  const mappings = await traceLedger.mappingCount();
  await until("every record and mapping accepted", async () => {
    for (let id = 1n; id <= records; id++) if (!(await traceLedger.isRecordAccepted(id))) return false;
    for (let id = 1n; id <= mappings; id++) if (!(await traceLedger.isMappingAccepted(id))) return false;
    return true;
  });
  say(`${records} records and ${mappings} mappings accepted by Regulator and Auditor (the verification nodes)`);

  step("Anyone queries PRODUCT-C1: the chain of custody back to both origins, every hop's data fetched and verified");
  const nameOf = (address: string) => companyName(address);
  const tree = await queryCustody({ ledger: traceLedger, objectId: product });
  for (const line of renderProvenanceTree(tree, { nameOf }).split("\n")) say(line);
  if (tree.summary.verified !== tree.summary.records + tree.summary.mappings) throw new Error("demo: not every hop verified");

  step("Someone edits Chemicals B's processing record on its information server; the same query flags exactly that hop");
  const traces = path.join(informationServerPaths(chemicals.participant.directory).data, "traces");
  const processed = (await readdir(traces)).find((file) => file.endsWith(".json") && "processed" === (JSON.parse(readFileSync(path.join(traces, file), "utf8")) as { step: string }).step);
  if (processed === undefined) throw new Error("demo: processing record not found on Chemicals B's server");
  const tamperedFile = path.join(traces, processed);
  await writeFile(tamperedFile, (await readFile(tamperedFile, "utf8")).replace('"temperatureC":265', '"temperatureC":240'));
  const tampered = await queryCustody({ ledger: traceLedger, objectId: product });
  say(`verified ${tampered.summary.verified}, MISMATCHED ${tampered.summary.mismatched} (the edited processing record), unreachable ${tampered.summary.unreachable}: the chain's hash exposes the edit`);

  step("Data exchange: Materials A's approved sensor signs a quality dataset; A submits it; the Regulator decrypts, checks and certifies it");
  const device = Wallet.createRandom();
  const aRegistry = connectConsortium({ deployment, runner: exchangeParty(materials).signer }).registry;
  await (await aRegistry.registerDevice(device.address, keccak256(toUtf8Bytes("extruder line 3 melt-flow sensor")))).wait();
  const rRegistry = connectConsortium({ deployment, runner: exchangeParty(regulator).signer }).registry;
  await (await rRegistry.approveDevice(device.address)).wait();
  say(`device ${device.address.slice(0, 10)}… registered by Materials A, approved by the Regulator`);
  const dataset = ["lot,melt_flow_index,moisture_ppm", "RAW-7,31.8,42", "RAW-7,32.1,40", "RAW-7,31.6,44"].join("\n") + "\n";
  const submitted = await submitData({ party: exchangeParty(materials), device, data: new TextEncoder().encode(dataset), category: "materials.quality", description: "melt-flow index of lot RAW-7", mediaType: "text/csv" });
  say(`entry #${submitted.entryId}: fingerprint ${submitted.fingerprint.slice(0, 14)}… signed by the device; data encrypted in A's node, key sealed to ${submitted.regulators.length} regulator(s)`);
  const certified = await certifyData({ party: exchangeParty(regulator), entryId: submitted.entryId, statement: "values within the resin's specification" });
  say(`Regulator fetched it from A's node, opened the key sealed to it, matched SHA-256 and metadata, certified it (certificate ${certified.certificateCid.slice(0, 14)}…)`);

  step("Servicer S buys it as a data proxy, then offers it on; Chemicals B's request is matched and bought; every hop is a linked trade");
  const sourceOffer = await offerData({
    party: exchangeParty(materials),
    entryId: submitted.entryId,
    category: "materials.quality",
    price: ETHER / 50n,
    deliveryPeriod: 3_600n,
    confirmationPeriod: 3_600n,
    usageTerms: { purposes: ["resale-to-processors"], resale: true, retentionDays: 90, attribution: "Materials A" },
  });
  const proxyBuy = await buyData({ party: exchangeParty(servicer), offerId: sourceOffer.offerId });
  say(`offer #${sourceOffer.offerId} by Materials A (${eth(ETHER / 50n)}, resale allowed); Servicer S paid into escrow: trade #${proxyBuy.orderId}`);
  await until("the proxy's trade shared", async () => (await dataMarket.tradeOf(proxyBuy.orderId)).state === 2n);
  say("A's agent delivered the key sealed to S; S's agent checked the data against the fingerprint and confirmed; payment released");
  // A's agent withdraws its escrow credit now; wait, so that its transaction and ours do not race for a nonce.
  const escrow = exchangeParty(materials).contracts.escrow;
  await until("Materials A's credit withdrawn", async () => (await escrow.credit(materials.participant.wallet.address, ZeroAddress)) === 0n);
  await (await exchangeParty(materials).contracts.dataMarket.withdrawOffer(sourceOffer.offerId)).wait();
  say(`Materials A withdraws offer #${sourceOffer.offerId}: from now on Servicer S distributes the dataset`);
  const proxyOffer = await offerData({
    party: exchangeParty(servicer),
    entryId: submitted.entryId,
    category: "materials.quality",
    price: (ETHER * 3n) / 100n,
    deliveryPeriod: 3_600n,
    confirmationPeriod: 3_600n,
    usageTerms: { purposes: ["quality-audit"], resale: false, retentionDays: 30, attribution: "Materials A via Servicer S" },
    upstreamTrade: proxyBuy.orderId,
  });
  const request = await requestData({ party: exchangeParty(chemicals), requirements: { category: "materials.quality", purpose: "quality-audit", description: "melt-flow data of resin we received" }, maxPrice: ETHER / 20n });
  say(`offer #${proxyOffer.offerId} by Servicer S (${eth((ETHER * 3n) / 100n)}, no resale) naming trade #${proxyBuy.orderId}; request #${request.requestId} by Chemicals B (up to ${eth(ETHER / 20n)})`);
  await until("Chemicals B's request filled and shared", async () => {
    const filled = (await dataMarket.requestOf(request.requestId)).filledBy;
    return filled !== 0n && (await dataMarket.tradeOf(filled)).state === 2n;
  });
  const enterpriseTrade = (await dataMarket.requestOf(request.requestId)).filledBy;
  say(`S's matching agent matched them; B's agent bought (trade #${enterpriseTrade}), S's agent delivered, B's agent verified and confirmed`);
  const received = (await readdir(path.join(chemicals.participant.directory, "exchange", "received")))[0];
  say(`Chemicals B holds the data (${received}); identical to what the sensor produced: ${(await readFile(path.join(chemicals.participant.directory, "exchange", "received", received!), "utf8")) === dataset}`);
  for (const hop of await tradeProvenance({ market: dataMarket, orderId: enterpriseTrade })) {
    say(`provenance: trade #${hop.orderId} ${companyName(hop.supplier)} → ${companyName(hop.buyer)}, ${eth(hop.price)}, ${hop.state}; usage terms ${hop.usageTermsHash.slice(0, 12)}…`);
  }

  return {
    async chainRecord(): Promise<string[]> {
      const [submittedEvent] = await dataRegistry.queryFilter(dataRegistry.filters.DataSubmitted(submitted.entryId));
      const [certifiedEvent] = await dataRegistry.queryFilter(dataRegistry.filters.DataCertified(submitted.entryId));
      const shared = await dataMarket.queryFilter(dataMarket.filters.DataShared());
      const confirmations = await traceLedger.queryFilter(traceLedger.filters.RecordConfirmed());
      return [
        `block ${submittedEvent?.blockNumber}: DataSubmitted(entry #${submitted.entryId}, fingerprint only); block ${certifiedEvent?.blockNumber}: DataCertified by the Regulator`,
        `${shared.length} DataShared events (${shared.map((e) => `${companyName(e.args.supplier)} → ${companyName(e.args.buyer)}`).join(", ")}), each with its usage-terms hash`,
        `${records} RecordPosted, ${mappings} MappingPosted, ${confirmations.length} RecordConfirmed events; the traceability data itself stays on each company's information server`,
      ];
    },
  };
}
