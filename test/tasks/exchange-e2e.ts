import { expect } from "chai";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { DevnetProcess } from "../helpers/devnet-process.js";

/**
 * The exchange and trace part end to end on `hardhat node` with real agent processes (issue:
 * "end to end on hardhat node with at least four participants' agents and information
 * servers"). devnet runs the node and one agent per demo participant; materials-a (supplier,
 * trace origin), chemicals-b (demander, auto-buy), servicer-s (matching agent), regulator and
 * auditor (validation, k = 2 trace verification) act through the tasks a user runs, each a
 * separate process, and through their agents.
 */
describe("tasks: exchange and trace end to end on devnet (device, validation, market through agents, traceability)", function () {
  this.timeout(300_000);
  const devnet = new DevnetProcess({ homePrefix: "sealedchain-exchange-e2e-" });
  const { output } = devnet;
  let work = "";
  const run = async (args: string[]) => {
    const result = await devnet.runTask([...args, "--network", "localhost"]);
    expect(result.code, `${args.join(" ")}\n${result.text}`).to.equal(0);
    return result.text;
  };

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), "sealedchain-exchange-e2e-files-"));
    await devnet.start();
  });

  after(async () => {
    await devnet.cleanup();
    if (work !== "") await rm(work, { recursive: true, force: true });
  });

  it("every agent runs an information server and registers it on chain", async () => {
    for (const name of ["materials-a", "chemicals-b", "servicer-s", "auditor", "regulator"]) {
      await devnet.waitForLine(new RegExp(`^\\[${name}\\s*\\] .*published information server http://127\\.0\\.0\\.1:\\d+ on chain`), 30_000);
    }
  });

  it("a device's data is rejected, corrected, certified, sold through the agents' matching and checked by the buyer", async () => {
    const created = await run(["device:new", "--participant", "materials-a", "--device", "line-3"]);
    const device = /key created \((0x[0-9a-fA-F]{40})\)/.exec(created)![1]!;
    await run(["consortium:approve-device", "--participant", "regulator", "--device", device]);
    const first = path.join(work, "first.csv");
    await writeFile(first, "lot,mfi\nRAW-7,31.8\n");
    expect(await run(["device:submit", "--participant", "materials-a", "--device", "line-3", "--data", first, "--category", "materials.quality", "--media-type", "text/csv"])).to.match(/^entry #1: /m);
    expect(await run(["data:validate", "--participant", "regulator", "--entry", "1", "--reject", "units missing"])).to.match(/^rejected entry #1: units missing/m);
    const corrected = path.join(work, "corrected.csv");
    const dataset = "lot,mfi_g_per_10min\nRAW-7,31.8\n";
    await writeFile(corrected, dataset);
    await run(["device:submit", "--participant", "materials-a", "--device", "line-3", "--data", corrected, "--category", "materials.quality", "--resubmits", "1"]);
    expect(await run(["data:validate", "--participant", "auditor", "--entry", "2", "--certify"])).to.match(/SHA-256, metadata hash, device and time match the chain[\s\S]*certified entry #2; certificate /);
    const history = await run(["data:history", "--entry", "2"]);
    expect(history).to.match(/#1 .* rejected by 0x[0-9a-fA-F]{40}: units missing/).and.to.match(/#2 .* certified by 0x/);

    await run(["market:offer", "--participant", "materials-a", "--entry", "2", "--category", "materials.quality", "--price", "1000", "--purposes", "quality-audit", "--resale"]);
    await run(["market:request", "--participant", "chemicals-b", "--category", "materials.quality", "--max-price", "5000", "--purpose", "quality-audit"]);
    await devnet.waitForLine(/^\[servicer-s\s*\] .*matched request #1 with offer #1/, 30_000);
    await devnet.waitForLine(/^\[chemicals-b\s*\] .*request #1 matched with offer #1: paid 1000 wei into escrow, trade #\d+/, 30_000);
    await devnet.waitForLine(/^\[materials-a\s*\] .*delivered the data key sealed to the buyer/, 30_000);
    const confirmed = await devnet.waitForLine(/^\[chemicals-b\s*\] .*trade #(\d+): confirmed, payment released/, 30_000);
    const trade = /trade #(\d+)/.exec(confirmed)![1]!;
    const saved = /saved to (\S+)$/.exec(output.find((l) => /^\[chemicals-b\s*\] .*match fingerprint .* saved to /.test(l))!)![1]!;
    expect(await readFile(saved, "utf8")).to.equal(dataset);
    expect(await run(["market:list", "--trade", trade])).to.match(/1 hop\(s\)[\s\S]*Shared/);

    // The agents did every market step; the same steps by hand find nothing left to do.
    expect(await run(["market:match", "--participant", "servicer-s"])).to.match(/no open, unmatched request has a fitting offer; nothing sent/);
    expect(await run(["market:deliver", "--participant", "materials-a", "--order", trade])).to.match(new RegExp(`nothing sent: order ${trade} is Released`));
    const late = await devnet.runTask(["market:confirm", "--participant", "chemicals-b", "--order", trade, "--network", "localhost"]);
    expect(late.code).to.equal(1);
    expect(late.text).to.match(new RegExp(`ExchangeStateError: order ${trade}: expected Delivered, got Released`));
  });

  it("a lot traced through a split and a merge is confirmed by both regulators' agents and queried back to its origins", async () => {
    await run(["trace:record", "--participant", "materials-a", "--object", "RAW-7", "--origin", "--step", "produced", "--details", '{"tonnes":12}']);
    await run(["trace:split", "--participant", "materials-a", "--object", "RAW-7", "--into", "BATCH-7A,BATCH-7B"]);
    await run(["trace:record", "--participant", "materials-a", "--object", "BATCH-7A", "--to", "Chemicals B", "--step", "shipped"]);
    await run(["trace:record", "--participant", "chemicals-b", "--object", "ADDITIVE-3", "--origin", "--step", "produced"]);
    await run(["trace:merge", "--participant", "chemicals-b", "--objects", "BATCH-7A,ADDITIVE-3", "--into", "PRODUCT-C1", "--step", "packed"]);
    await run(["trace:record", "--participant", "chemicals-b", "--object", "PRODUCT-C1", "--to", "Servicer S", "--step", "shipped"]);
    for (const regulator of ["regulator", "auditor"]) {
      await devnet.waitForLine(new RegExp(`^\\[${regulator}\\s*\\] .*record #4: signature and information-server data verified; confirmed`), 30_000);
      await devnet.waitForLine(new RegExp(`^\\[${regulator}\\s*\\] .*mapping #2: signature and information-server data verified; confirmed`), 30_000);
    }
    const json = JSON.parse(await run(["trace:query", "--object", "PRODUCT-C1", "--json"])) as { summary: Record<string, unknown> };
    expect(json.summary).to.include({ records: 4, mappings: 2, verified: 6, mismatched: 0, unreachable: 0 });
    const text = await run(["trace:query", "--object", "PRODUCT-C1"]);
    expect(text).to.contain("PRODUCT-C1").and.to.contain("RAW-7").and.to.contain("ADDITIVE-3").and.to.contain("Chemicals B");

    // Servicer S relabels the product; both regulators' agents confirm the mapping, so a
    // confirmation by hand has nothing left to send.
    expect(await run(["trace:relabel", "--participant", "servicer-s", "--object", "PRODUCT-C1", "--into", "SKU-4711"])).to.match(/^mapping #3 \(relabel\): PRODUCT-C1 → SKU-4711/m);
    await devnet.waitForLine(/^\[regulator\s*\] .*mapping #3: signature and information-server data verified; confirmed/, 30_000);
    expect(await run(["trace:confirm", "--participant", "regulator", "--mapping", "3"])).to.match(/mapping #3: already confirmed by this verifier; nothing sent/);
    const relabelled = JSON.parse(await run(["trace:query", "--object", "SKU-4711", "--json"])) as { summary: Record<string, unknown> };
    expect(relabelled.summary).to.include({ records: 4, mappings: 3, verified: 7 });
  });
});
