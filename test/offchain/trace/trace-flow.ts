import { expect } from "chai";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import {
  informationServerPaths,
  mapObjects,
  objectIdOf,
  queryCustody,
  recordTrace,
  renderProvenanceTree,
  verifyTrace,
  type CustodyNode,
  type MappingNode,
  type RecordNode,
} from "../../../offchain/trace/index.js";
import { setUpExchangeWorld, type ExchangeWorld } from "../../helpers/exchange-world.js";

const [RAW, BATCH_A, BATCH_B, BATCH_C, ADDITIVE, PRODUCT] = ["RAW-7", "BATCH-7A", "BATCH-7B", "BATCH-7C", "ADDITIVE-3", "PRODUCT-C1"].map(objectIdOf) as [string, string, string, string, string, string];

/** The chain of record nodes from `node` through `upstream` links, as "label:step" pairs. */
function describeChain(node: CustodyNode | null): string[] {
  const out: string[] = [];
  for (let n = node; n !== null && n !== undefined; ) {
    if (n.kind === "mapping") {
      out.push(`${n.mappingKind}#${n.mappingId}`);
      break;
    }
    out.push(`record#${n.recordId}:${n.check.status === "verified" ? n.check.data.step : n.check.status}`);
    n = n.upstream;
  }
  return out;
}

/**
 * Traceability end to end on the in-process chain with real information servers (one per
 * member) and the regulators' agents as verification nodes (k = 2): a lot split, processed,
 * merged into a container and shipped, queried back to both origins; data edited on a server
 * found by the query and refused by the verifiers; an unreachable server reported without
 * losing the rest of the tree.
 */
describe("trace flow: records, split and merge, regulators' agents, custody query (in-process chain, real information servers)", function () {
  this.timeout(120_000);
  let connection: NetworkConnection;
  let world: ExchangeWorld;
  const trace = (name: string) => world.actors[name]!.trace;
  const address = (name: string) => world.actors[name]!.trace.address;

  before(async function () {
    connection = await network.create();
    world = await setUpExchangeWorld(connection);
    await world.startAgent("regulator");
    await world.startAgent("auditor");
    const a = trace("materials-a");
    const b = trace("chemicals-b");
    await recordTrace({ party: a, objectId: RAW, to: a.address, origin: true, step: "produced", details: { tonnes: 12 } });
    await mapObjects({ party: a, kind: "split", inputs: [RAW], outputs: [BATCH_A, BATCH_B, BATCH_C], step: "split" });
    await recordTrace({ party: a, objectId: BATCH_A, to: b.address, step: "shipped" });
    await recordTrace({ party: a, objectId: BATCH_B, to: b.address, step: "shipped" });
    await recordTrace({ party: b, objectId: ADDITIVE, to: b.address, origin: true, step: "produced" });
    await recordTrace({ party: b, objectId: BATCH_A, to: b.address, step: "processed", details: { temperatureC: 265 } });
    await mapObjects({ party: b, kind: "merge", inputs: [BATCH_A, BATCH_B, ADDITIVE], outputs: [PRODUCT], step: "packed" });
    await recordTrace({ party: b, objectId: PRODUCT, to: address("carrier-f"), step: "shipped" });
    await recordTrace({ party: trace("carrier-f"), objectId: PRODUCT, to: address("servicer-s"), step: "delivered" });
    const ledger = trace("servicer-s").ledger;
    await world.waitFor("every record and mapping accepted by both regulators", async () => {
      for (let id = 1n; id <= (await ledger.recordCount()); id++) if (!(await ledger.isRecordAccepted(id))) return false;
      for (let id = 1n; id <= (await ledger.mappingCount()); id++) if (!(await ledger.isMappingAccepted(id))) return false;
      return true;
    });
  });

  after(async function () {
    await world?.stop();
    await connection?.close();
  });

  it("walks the product back through the merge and the split to both origins, every hop verified and accepted", async function () {
    const tree = await queryCustody({ ledger: trace("servicer-s").ledger, objectId: PRODUCT });
    expect(tree.summary).to.include({ records: 7, mappings: 2, verified: 9, mismatched: 0, unreachable: 0, malformed: 0, unaccepted: 0 });
    expect(new Set(tree.summary.origins)).to.deep.equal(new Set([RAW, ADDITIVE]));
    expect(describeChain(tree.root)).to.deep.equal(["record#7:delivered", "record#6:shipped", "merge#2"]);
    const merge = (tree.root as RecordNode).upstream as RecordNode;
    const mergeNode = merge.upstream as MappingNode;
    expect(mergeNode.upstream.map(describeChain)).to.deep.equal([
      ["record#5:processed", "record#2:shipped", "split#1"],
      ["record#3:shipped", "split#1"],
      ["record#4:produced"],
    ]);
    const split = ((mergeNode.upstream[1] as RecordNode).upstream as MappingNode).upstream[0] as RecordNode;
    expect([split.recordId, split.transferOut, split.transferIn]).to.deep.equal([1n, "0x0000000000000000000000000000000000000000", address("materials-a")]);
    const rendered = renderProvenanceTree(tree, { nameOf: world.nameOf });
    expect(rendered).to.contain("Materials A").and.to.contain("Carrier F");
    expect(rendered).not.to.match(/✗ MISMATCH|\? unreachable/);
  });

  it("finds data edited on a holder's information server, and the verifiers refuse a record whose data was edited", async function () {
    // Edit the processing record on Chemicals B's server, after it was accepted.
    const traces = path.join(informationServerPaths(world.actors["chemicals-b"]!.participant.directory).data, "traces");
    let edited = "";
    for (const file of await readdir(traces)) {
      const text = await readFile(path.join(traces, file), "utf8");
      if (text.includes('"processed"')) {
        edited = path.join(traces, file);
        await writeFile(edited, text.replace('"temperatureC":265', '"temperatureC":240'));
      }
    }
    expect(edited).to.not.equal("");
    const tree = await queryCustody({ ledger: trace("servicer-s").ledger, objectId: PRODUCT });
    expect(tree.summary).to.include({ verified: 8, mismatched: 1 });
    const processed = (((tree.root as RecordNode).upstream as RecordNode).upstream as MappingNode).upstream[0] as RecordNode;
    expect([processed.recordId, processed.check.status]).to.deep.equal([5n, "mismatch"]);
    expect(renderProvenanceTree(tree, { nameOf: world.nameOf })).to.contain("MISMATCH");

    // A new record whose data is edited before the verifiers look is never confirmed.
    await world.stopAgent("regulator");
    await world.stopAgent("auditor");
    const s = trace("servicer-s");
    const { recordId, dataHash } = await recordTrace({ party: s, objectId: PRODUCT, to: s.address, step: "inspected", details: { passed: true } });
    const sTraces = path.join(informationServerPaths(world.actors["servicer-s"]!.participant.directory).data, "traces");
    const file = (await readdir(sTraces)).find((f) => f.startsWith(dataHash.slice(2)) || f.startsWith(dataHash))!;
    await writeFile(path.join(sTraces, file), (await readFile(path.join(sTraces, file), "utf8")).replace('"passed":true', '"passed":false'));
    const verification = await verifyTrace({ party: trace("regulator"), kind: "record", id: recordId });
    expect(verification.unreachable).to.equal(false);
    expect(verification.problems.join(" ")).to.match(/hashes to 0x[0-9a-f]{64}, not the recorded/);
    await world.startAgent("regulator");
    await world.waitFor("the regulator's refusal", async () => world.lines.some((l) => l.startsWith("[regulator] ERROR") && l.includes(`record #${recordId}: REFUSED`)));
    expect(await s.ledger.recordOf(recordId).then((r) => r.confirmations)).to.equal(0n);
  });

  it("reports an unreachable information server and still returns the rest of the tree", async function () {
    await world.stopInformationServer("carrier-f");
    const tree = await queryCustody({ ledger: trace("servicer-s").ledger, objectId: PRODUCT });
    expect(tree.summary.unreachable).to.equal(1);
    expect(tree.summary.records + tree.summary.mappings).to.equal(10);
    const carrierHop = (tree.root as RecordNode).upstream as RecordNode; // record 7, Carrier F → Servicer S
    expect([carrierHop.recordId, carrierHop.check.status]).to.deep.equal([7n, "unreachable"]);
    expect(describeChain(carrierHop)).to.deep.equal(["record#7:unreachable", "record#6:shipped", "merge#2"]);
    expect(renderProvenanceTree(tree, { nameOf: world.nameOf })).to.match(/\? unreachable/);
  });
});
