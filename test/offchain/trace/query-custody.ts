import { expect } from "chai";
import { ZeroAddress, keccak256 } from "ethers";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";

import {
  CustodyLedgerError,
  type CustodyNode,
  type MappingNode,
  type RecordNode,
  TraceParameterError,
  UnknownObjectError,
  encodeTraceData,
  fetchTraceData,
  objectIdOf,
  queryCustody,
} from "../../../offchain/trace/index.js";
import { CARRIER, FARM, MemoryLedger, RETAILER, type TestServer, rejection, splitMergeScenario, startTestServer, traceData } from "./helpers.js";

const asRecord = (node: CustodyNode | null | undefined): RecordNode => {
  expect(node?.kind).to.equal("record");
  return node as RecordNode;
};
const asMapping = (node: CustodyNode | null | undefined): MappingNode => {
  expect(node?.kind).to.equal("mapping");
  return node as MappingNode;
};
/** Every distinct node of the tree, iteratively. */
function nodesOf(root: CustodyNode): CustodyNode[] {
  const seen = new Set<CustodyNode>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.kind === "record") {
      if (node.upstream !== null) stack.push(node.upstream);
    } else stack.push(...node.upstream);
  }
  return [...seen];
}

describe("offchain/trace queryCustody", () => {
  let farm: TestServer;
  let packer: TestServer;
  let carrier: TestServer;
  beforeEach(async () => {
    farm = await startTestServer("farm");
    packer = await startTestServer("packer");
    carrier = await startTestServer("carrier");
  });
  afterEach(async () => {
    for (const member of [farm, packer, carrier]) {
      await member.server.close();
      await rm(member.directory, { recursive: true, force: true });
    }
  });

  it("walks a linear chain from the latest record back to the origin, all verified", async () => {
    const ledger = new MemoryLedger();
    const r1 = ledger.record({ object: "lot-7", from: ZeroAddress, to: FARM, at: await farm.publish(traceData("lot-7", "harvested", FARM, { kg: 5 })) });
    ledger.record({ object: "lot-7", from: FARM, to: CARRIER, at: await farm.publish(traceData("lot-7", "shipped", FARM)) });
    const r3 = ledger.record({ object: "lot-7", from: CARRIER, to: RETAILER, at: await carrier.publish(traceData("lot-7", "received", CARRIER)) });
    const progress: Array<[number, number]> = [];
    const tree = await queryCustody({ ledger, objectId: "lot-7", onProgress: (done, total) => progress.push([done, total]) });

    expect(tree.objectId).to.equal(objectIdOf("lot-7"));
    expect(tree.requiredConfirmations).to.equal(2);
    const latest = asRecord(tree.root);
    expect(latest.recordId).to.equal(r3);
    expect([latest.transferOut, latest.transferIn, latest.recorder]).to.deep.equal([CARRIER, RETAILER, CARRIER]);
    const middle = asRecord(latest.upstream);
    expect(middle.check.status === "verified" && middle.check.data.step).to.equal("shipped");
    const origin = asRecord(middle.upstream);
    expect(origin.recordId).to.equal(r1);
    expect(origin.transferOut).to.equal(ZeroAddress);
    expect(origin.upstream).to.equal(null);
    expect(origin.check).to.deep.equal({ status: "verified", data: traceData("lot-7", "harvested", FARM, { kg: 5 }) });
    expect(tree.summary).to.deep.equal({ records: 3, mappings: 0, verified: 3, mismatched: 0, unreachable: 0, malformed: 0, unaccepted: 0, origins: [objectIdOf("lot-7")] });
    expect(progress).to.deep.equal([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it("walks a split then merge back to both origins, sharing the split node", async () => {
    const { ledger, ids } = await splitMergeScenario(farm, packer, carrier);
    const tree = await queryCustody({ ledger, objectId: "container-1" });

    const received = asRecord(tree.root);
    expect(received.recordId).to.equal(ids.r8);
    expect(received.accepted).to.equal(false); // 1 of 2 confirmations
    expect(received.confirmations).to.equal(1);
    const shipped = asRecord(received.upstream);
    expect(shipped.recordId).to.equal(ids.r7);
    expect(shipped.accepted).to.equal(true);
    const merge = asMapping(shipped.upstream);
    expect(merge.mappingId).to.equal(ids.m2);
    expect(merge.mappingKind).to.equal("merge");
    expect(merge.inputs).to.deep.equal(["batch-1", "batch-2", "lot-2"].map(objectIdOf));
    expect(merge.outputs).to.deep.equal([objectIdOf("container-1")]);
    expect(merge.upstream).to.have.length(3);

    const processed = asRecord(merge.upstream[0]);
    expect(processed.recordId).to.equal(ids.r3);
    const split = asMapping(processed.upstream);
    expect(split.mappingId).to.equal(ids.m1);
    expect(split.mappingKind).to.equal("split");
    expect(merge.upstream[1]).to.equal(split); // batch-2 had no record: straight to the same split node
    const lot1Shipped = asRecord(split.upstream[0]);
    expect(lot1Shipped.recordId).to.equal(ids.r2);
    expect(asRecord(lot1Shipped.upstream).recordId).to.equal(ids.r1);
    expect(asRecord(lot1Shipped.upstream).upstream).to.equal(null);
    const lot2Shipped = asRecord(merge.upstream[2]);
    expect(lot2Shipped.recordId).to.equal(ids.r5);
    expect(asRecord(lot2Shipped.upstream).recordId).to.equal(ids.r4);

    const walked = nodesOf(tree.root).map((node) => (node.kind === "record" ? `r${node.recordId}` : `m${node.mappingId}`));
    expect(walked).to.not.include(`r${ids.r6}`); // batch-3 is elsewhere
    expect(tree.summary).to.deep.equal({
      records: 7,
      mappings: 2,
      verified: 9,
      mismatched: 0,
      unreachable: 0,
      malformed: 0,
      unaccepted: 1,
      origins: [objectIdOf("lot-1"), objectIdOf("lot-2")],
    });
    for (const node of nodesOf(tree.root)) expect(node.check.status).to.equal("verified");
  });

  it("marks tampered bytes on one server as a mismatch and verifies the rest", async () => {
    const { ledger, at } = await splitMergeScenario(farm, packer, carrier);
    const file = path.join(farm.directory, "traces", `${at.harvest1.hash}.json`);
    const tampered = encodeTraceData(traceData("lot-1", "harvested", FARM, { kg: 9999 }));
    await writeFile(file, tampered);
    const tree = await queryCustody({ ledger, objectId: objectIdOf("container-1") });
    const bad = nodesOf(tree.root).filter((node) => node.check.status !== "verified");
    expect(bad).to.have.length(1);
    expect(bad[0]!.dataHash).to.equal(at.harvest1.hash);
    expect(bad[0]!.check).to.deep.equal({ status: "mismatch", actualHash: keccak256(tampered) });
    expect(tree.summary).to.include({ verified: 8, mismatched: 1, unreachable: 0, malformed: 0 });
  });

  it("marks a stopped server's nodes unreachable and still returns the whole tree", async () => {
    const { ledger } = await splitMergeScenario(farm, packer, carrier);
    await packer.server.close();
    const tree = await queryCustody({ ledger, objectId: "container-1" });
    const byStatus = (status: string) => nodesOf(tree.root).filter((node) => node.check.status === status);
    expect(byStatus("unreachable").map((node) => node.infoServer)).to.deep.equal(new Array(4).fill(packer.server.url)); // r7, m2, r3, m1
    for (const node of byStatus("unreachable")) expect(node.check.status === "unreachable" && node.check.error).to.match(/unreachable/);
    expect(byStatus("verified").map((node) => node.infoServer)).to.have.members([carrier.server.url, ...new Array(4).fill(farm.server.url)]);
    expect(tree.summary).to.include({ records: 7, mappings: 2, verified: 5, unreachable: 4 });
  });

  it("marks a document about another object, or not a trace document at all, as malformed", async () => {
    const ledger = new MemoryLedger();
    const wrongObject = await farm.publish(traceData("lot-OTHER", "harvested", FARM));
    ledger.record({ object: "lot-8", from: ZeroAddress, to: FARM, at: wrongObject });
    const junk = new TextEncoder().encode(JSON.stringify({ hello: "world" }));
    const junkHash = keccak256(junk);
    await writeFile(path.join(farm.directory, "traces", `${junkHash}.json`), junk); // the server does not check what it serves
    ledger.record({ object: "lot-8", from: FARM, to: CARRIER, at: { url: farm.server.url, hash: junkHash } });
    const wrongOutput = await carrier.publish(traceData("lot-8", "relabelled", CARRIER));
    ledger.map({ kind: "relabel", inputs: ["lot-8"], outputs: ["lot-8b"], by: CARRIER, at: wrongOutput }); // data names the input, not the output
    const tree = await queryCustody({ ledger, objectId: "lot-8b" });
    const relabel = asMapping(tree.root);
    expect(relabel.check.status).to.equal("malformed");
    expect(relabel.check.status === "malformed" && relabel.check.error).to.contain(objectIdOf("lot-8")).and.contain(objectIdOf("lot-8b"));
    const transfer = asRecord(relabel.upstream[0]);
    expect(transfer.check.status).to.equal("malformed");
    expect(transfer.check.status === "malformed" && transfer.check.error).to.contain("trace data");
    const origin = asRecord(transfer.upstream);
    expect(origin.check.status === "malformed" && origin.check.error).to.contain(objectIdOf("lot-OTHER"));
    expect(tree.summary).to.include({ malformed: 3, verified: 0 });
  });

  it("fetches each (server, hash) once, with at most `concurrency` fetches at a time", async () => {
    const ledger = new MemoryLedger();
    const shared = await farm.publish(traceData("lot-5", "inspected", FARM));
    ledger.record({ object: "lot-5", from: ZeroAddress, to: FARM, at: shared });
    for (let i = 0; i < 4; i++) ledger.record({ object: "lot-5", from: FARM, to: FARM, at: shared });
    for (let i = 0; i < 6; i++) ledger.record({ object: "lot-5", from: FARM, to: FARM, at: await farm.publish(traceData("lot-5", `step-${i}`, FARM)) });
    const requests: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const tree = await queryCustody({
      ledger,
      objectId: "lot-5",
      concurrency: 2,
      fetchData: async (url, hash) => {
        requests.push(`${url}/${hash}`);
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        try {
          return await fetchTraceData({ url, hash });
        } finally {
          inFlight--;
        }
      },
    });
    expect(requests).to.have.length(7);
    expect(new Set(requests).size).to.equal(7);
    expect(maxInFlight).to.equal(2);
    expect(tree.summary).to.include({ records: 11, verified: 11 });
  });

  it("counts unaccepted records and mappings against k", async () => {
    const ledger = new MemoryLedger(3n);
    const at = await farm.publish(traceData("lot-3", "harvested", FARM));
    ledger.record({ object: "lot-3", from: ZeroAddress, to: FARM, at, confirmations: 3 });
    ledger.record({ object: "lot-3", from: FARM, to: FARM, at, confirmations: 2 });
    ledger.map({ kind: "relabel", inputs: ["lot-3"], outputs: ["lot-3r"], by: FARM, at: await farm.publish(traceData("lot-3r", "relabelled", FARM)), confirmations: 0 });
    const tree = await queryCustody({ ledger, objectId: "lot-3r" });
    expect(tree.requiredConfirmations).to.equal(3);
    expect(tree.summary.unaccepted).to.equal(2);
    const relabel = asMapping(tree.root);
    expect([relabel.accepted, relabel.confirmations]).to.deep.equal([false, 0]);
    expect(asRecord(asRecord(relabel.upstream[0]).upstream).accepted).to.equal(true);
  });

  it("completes a 2000-hop chain and a 1000-deep chain of relabels without overflowing the stack", async () => {
    const ledger = new MemoryLedger();
    const at = await farm.publish(traceData("long", "moved", FARM));
    ledger.record({ object: "long", from: ZeroAddress, to: FARM, at });
    for (let i = 1; i < 2000; i++) ledger.record({ object: "long", from: FARM, to: FARM, at });
    let fetches = 0;
    const tree = await queryCustody({ ledger, objectId: "long", fetchData: (url, hash) => (fetches++, fetchTraceData({ url, hash })) });
    expect(tree.summary).to.include({ records: 2000, verified: 2000 });
    expect(fetches).to.equal(1);
    let depth = 0;
    for (let node: CustodyNode | null = tree.root; node !== null; node = asRecord(node).upstream) depth++;
    expect(depth).to.equal(2000);

    // Deep mapping tree: in-memory data (1000 documents), same walk.
    const deep = new MemoryLedger();
    const store = new Map<string, Uint8Array>();
    const keep = (label: string) => {
      const bytes = encodeTraceData(traceData(label, "relabelled", FARM));
      store.set(keccak256(bytes), bytes);
      return { url: "http://memory", hash: keccak256(bytes) };
    };
    deep.record({ object: "id-0", from: ZeroAddress, to: FARM, at: keep("id-0") });
    for (let i = 1; i <= 1000; i++) deep.map({ kind: "relabel", inputs: [`id-${i - 1}`], outputs: [`id-${i}`], by: FARM, at: keep(`id-${i}`) });
    const deepTree = await queryCustody({ ledger: deep, objectId: "id-1000", fetchData: async (_url, hash) => store.get(hash)! });
    expect(deepTree.summary).to.include({ records: 1, mappings: 1000, verified: 1001 });
    expect(deepTree.summary.origins).to.deep.equal([objectIdOf("id-0")]);
  });

  it("refuses an unknown object, a ledger with a cycle and bad parameters", async () => {
    const ledger = new MemoryLedger();
    const error = await rejection(queryCustody({ ledger, objectId: "nothing" }));
    expect(error).to.be.instanceOf(UnknownObjectError).with.property("objectId", objectIdOf("nothing"));
    const at = await farm.publish(traceData("lot-4", "harvested", FARM));
    ledger.record({ object: "lot-4", from: ZeroAddress, to: FARM, at });
    ledger.record({ object: "lot-4", from: FARM, to: FARM, at });
    ledger.records[0]!.previousRecord = 2n; // corrupt: 2 → 1 → 2
    expect(await rejection(queryCustody({ ledger, objectId: "lot-4" }))).to.be.instanceOf(CustodyLedgerError);
    ledger.records[0]!.previousRecord = 0n;
    ledger.records[1]!.objectId = objectIdOf("lot-other");
    expect(await rejection(queryCustody({ ledger, objectId: "lot-4" }))).to.be.instanceOf(CustodyLedgerError);
    for (const concurrency of [0, 1.5, -1]) expect(await rejection(queryCustody({ ledger, objectId: "lot-4", concurrency }))).to.be.instanceOf(TraceParameterError);
  });
});
