import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";

import { objectIdOf, provenanceTreeToJson, queryCustody, renderProvenanceTree } from "../../../offchain/trace/index.js";
import { FARM, MemoryLedger, NAMES, type TestServer, splitMergeScenario, startTestServer, traceData } from "./helpers.js";

const nameOf = (address: string) => NAMES[address] ?? address;

describe("offchain/trace provenance rendering", () => {
  let farm: TestServer;
  let packer: TestServer;
  let carrier: TestServer;
  before(async () => {
    farm = await startTestServer("farm");
    packer = await startTestServer("packer");
    carrier = await startTestServer("carrier");
  });
  after(async () => {
    for (const member of [farm, packer, carrier]) {
      await member.server.close();
      await rm(member.directory, { recursive: true, force: true });
    }
  });

  it("draws the split-merge tree, one line per node, branches at the mapping, a summary line", async () => {
    const { ledger, at } = await splitMergeScenario(farm, packer, carrier);
    await writeFile(path.join(farm.directory, "traces", `${at.harvest2.hash}.json`), "{}"); // tamper lot-2's origin
    const tree = await queryCustody({ ledger, objectId: "container-1" });
    const lines = renderProvenanceTree(tree, { nameOf }).split("\n");
    const shape = lines.map((line) => line.replace(/^([│├└─ ]*).*?(record #\d+|mapping #\d+).*$/u, "$1$2"));
    expect(shape).to.deep.equal([
      "provenance of container-1",
      "record #8",
      "record #7",
      "mapping #2",
      "├─ record #3",
      "│  mapping #1",
      "│  └─ record #2",
      "│     record #1",
      "├─ mapping #1",
      "└─ record #5",
      "   record #4",
      lines.at(-1),
    ]);
    expect(lines[1]).to.equal("container-1  record #8  received 2026-11-21T10:00:00.000Z  Carrier → Retailer  ✓ verified  pending 1/2");
    expect(lines[2]).to.equal("container-1  record #7  shipped 2026-11-21T10:00:00.000Z  Packer → Carrier  ✓ verified  accepted 2/2");
    expect(lines[3]).to.equal("container-1  mapping #2 merge of batch-1 + batch-2 + lot-2  packed 2026-11-21T10:00:00.000Z  by Packer  ✓ verified  accepted 2/2");
    expect(lines[5]).to.equal("│  batch-1 + batch-2 + batch-3  mapping #1 split of lot-1  split 2026-11-21T10:00:00.000Z  by Packer  ✓ verified  accepted 2/2");
    expect(lines[7]).to.equal("│     lot-1  record #1  harvested 2026-11-21T10:00:00.000Z  (origin) → Farm  ✓ verified  accepted 2/2");
    expect(lines[8]).to.equal("├─ mapping #1 (shown above)");
    expect(lines[10]).to.match(/^ {3}lot-2 {2}record #4 {2}\(step unknown\) 2027-01-15T08:00:0\d\.000Z {2}\(origin\) → Farm {2}✗ MISMATCH \(server has 0x[0-9a-f]{64}\) {2}accepted 2\/2$/);
    expect(lines.at(-1)).to.equal("7 record(s), 2 mapping(s): 8 verified, 1 mismatched, 0 unreachable, 0 malformed; 1 not yet accepted (k = 2); origins: lot-1, lot-2");
  });

  it("shows unreachable and malformed nodes with their reason, and addresses when there is no name", async () => {
    const ledger = new MemoryLedger();
    const wrong = await farm.publish(traceData("lot-other", "harvested", FARM));
    ledger.record({ object: "lot-r", from: ZeroAddress, to: FARM, at: wrong });
    ledger.record({ object: "lot-r", from: FARM, to: FARM, at: { url: "http://127.0.0.1:9", hash: wrong.hash } });
    const tree = await queryCustody({ ledger, objectId: "lot-r", fetchData: async (url, hash) => (url.endsWith(":9") ? Promise.reject(new Error("connect ECONNREFUSED")) : (await import("../../../offchain/trace/index.js")).fetchTraceData({ url, hash })) });
    const text = renderProvenanceTree(tree);
    expect(text).to.contain(`lot-r  record #2  (step unknown) `);
    expect(text).to.contain(`${FARM} → ${FARM}  ? unreachable (connect ECONNREFUSED)`);
    expect(text).to.contain(`(origin) → ${FARM}  ✗ malformed (trace data is about object ${objectIdOf("lot-other").slice(0, 30)}`);
    expect(text.split("\n")[2]).to.match(/…\) {2}accepted 2\/2$/); // long reasons are cut
  });

  it("converts to JSON with decimal strings, a fixed field order and references for shared nodes", async () => {
    const { ledger, ids } = await splitMergeScenario(farm, packer, carrier);
    const tree = await queryCustody({ ledger, objectId: "container-1" });
    const json = provenanceTreeToJson(tree) as Record<string, any>;
    expect(Object.keys(json)).to.deep.equal(["objectId", "requiredConfirmations", "summary", "root"]);
    expect(Object.keys(json.root)).to.deep.equal(["kind", "recordId", "objectId", "transferOut", "transferIn", "recorder", "timestamp", "confirmations", "accepted", "infoServer", "dataHash", "check", "upstream"]);
    expect(json.root.recordId).to.equal(ids.r8.toString());
    expect(json.root.timestamp).to.be.a("string").that.matches(/^\d+$/);
    expect(json.root.check.status).to.equal("verified");
    expect(Object.keys(json.root.check.data)).to.deep.equal(["objectId", "step", "at", "by", "details"]);
    const merge = json.root.upstream.upstream;
    expect(Object.keys(merge)).to.deep.equal(["kind", "mappingId", "mappingKind", "inputs", "outputs", "recorder", "timestamp", "confirmations", "accepted", "infoServer", "dataHash", "check", "upstream"]);
    expect(merge.upstream[0].upstream.mappingId).to.equal(ids.m1.toString());
    expect(merge.upstream[0].upstream.upstream).to.have.length(1);
    expect(merge.upstream[1]).to.deep.equal({ kind: "mapping", mappingId: ids.m1.toString(), shownAbove: true });
    expect(json.summary.origins).to.deep.equal([objectIdOf("lot-1"), objectIdOf("lot-2")]);
    const text = JSON.stringify(json); // no bigints left
    expect(JSON.parse(text)).to.deep.equal(json);
  });

  it("renders and converts a 2000-hop chain", async () => {
    const ledger = new MemoryLedger();
    const at = await farm.publish(traceData("long", "moved", FARM));
    ledger.record({ object: "long", from: ZeroAddress, to: FARM, at });
    for (let i = 1; i < 2000; i++) ledger.record({ object: "long", from: FARM, to: FARM, at });
    const tree = await queryCustody({ ledger, objectId: "long" });
    const lines = renderProvenanceTree(tree).split("\n");
    expect(lines).to.have.length(2002);
    expect(lines.every((line) => !line.startsWith(" "))).to.equal(true); // one object's chain does not drift right
    const json = provenanceTreeToJson(tree) as Record<string, any>;
    let depth = 0;
    for (let node = json.root; node !== null; node = node.upstream) depth++;
    expect(depth).to.equal(2000);
    expect(JSON.stringify(json).length).to.be.greaterThan(2000 * 100);
  });
});
