import { expect } from "chai";
import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { Interface } from "ethers";

import { DEVNET_DEMO_PASSWORD, connectQuality } from "../../offchain/chain/index.js";
import { ORDER_STATES } from "../../offchain/chain/index.js";
import { lotIdOf, readQualityHistory } from "../../offchain/quality/index.js";
import { spawnHardhat, stopChild } from "../../tasks/helpers/spawn-hardhat.js";
import { ConsortiumRegistry__factory } from "../../types/ethers-contracts/index.js";
import { DevnetProcess, commandOf, descendants, processesLeft, projectRoot, sleep } from "../helpers/devnet-process.js";

/** materials-a = Hardhat test account #1 (devnet's demo keys). */
const MATERIALS_A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
/** X = 41357 = 0b1010000110001101, Y = 41350 = 0b1010000110000110: X > Y, XOR = 0b1011, so
 * the highest differing bit is 3 and |X−Y| < 2^4 (|X−Y| = 7). */
const X = 41357n;
const Y = 41350n;
const LOT = "lot-42";

/**
 * The quality part end to end on `hardhat node` with real agent processes (issue: "B
 * publishes, S sells, A buys and compares, A's history is correct; then restart A's agent
 * mid-protocol and it finishes without duplicate transactions"). devnet (node + one agent
 * per demo participant, with the demo quality policies) runs on a free port with a temporary
 * SEALEDCHAIN_HOME; quality:publish, quality:list and compare:result run as separate
 * processes; A's agent is stopped with SIGTERM right after its purchase (before S's delivery
 * is confirmed and before its comparison request) and restarted by this test the way devnet
 * starts agents.
 */
describe("tasks: quality end to end on devnet (B publishes, S sells, A buys, compares; A restarted mid-protocol)", function () {
  this.timeout(180_000);
  /** Lines of A's restarted agent (spawned by this test). */
  const restartedLines: string[] = [];
  let restarted: ChildProcess | undefined;
  let agentAPid: number | undefined;
  let stopSent = false;
  /** What the chain said when A's first agent was told to stop. */
  let atStop: { orderState: bigint; requestCount: bigint } | undefined;
  const devnet = new DevnetProcess({
    homePrefix: "sealedchain-quality-e2e-",
    onLine: (line) => {
      // Mid-protocol: stop A's agent as soon as it reports its purchase (openOrder +
      // purchase mined), before S's delivery is confirmed and the comparison requested.
      if (!stopSent && agentAPid !== undefined && /^\[materials-a\s*\] .*bought offer #\d+ as escrow order #\d+ → tx 0x/.test(line)) {
        stopSent = true;
        process.kill(agentAPid, "SIGTERM");
      }
    },
    moreLog: () => `--- restarted A:\n${restartedLines.join("\n")}`,
  });
  /** devnet's output (its own lines and every agent's prefixed lines). */
  const { output } = devnet;
  const waitFor = (what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number) => devnet.waitFor(what, condition, timeoutMs);
  const waitForLine = (lines: string[], pattern: RegExp, timeoutMs: number) => devnet.waitForLine(pattern, timeoutMs, lines);
  const deploymentAddresses = async () => JSON.parse(await readFile(devnet.networkEnv["SEALEDCHAIN_DEPLOYMENT"]!, "utf8")) as Record<string, string>;
  const addressOf = (addresses: Record<string, string>, contractName: string) => {
    const key = Object.keys(addresses).find((k) => k.endsWith(`#${contractName}`));
    if (key === undefined) throw new Error(`${contractName} not in the deployment: ${Object.keys(addresses).join(", ")}`);
    return addresses[key]!;
  };

  before(async () => {
    await devnet.start();
    agentAPid = descendants(devnet.child!.pid!).find((pid) => /hardhat agent --participant materials-a /.test(commandOf(pid)));
    expect(agentAPid, "materials-a's agent process").to.be.a("number");
  });

  after(async () => {
    if (restarted !== undefined && restarted.exitCode === null) await stopChild(restarted, { signal: "SIGKILL" });
    await devnet.cleanup();
  });

  it("devnet deploys the platform module (quality included) and writes the demo quality policies", async () => {
    expect(output.join("\n")).to.match(/deploying ignition\/modules\/Platform\.ts with Ignition/);
    const deployed = output.find((l) => l.startsWith("deployed: ")) ?? "";
    for (const name of ["Quality#QualityChannel", "Quality#XorMarket", "Quality#ComparisonBoard", "SealedChain#FairExchangeEscrow", "Consortium#ConsortiumRegistry"]) {
      expect(deployed).to.match(new RegExp(`${name} 0x[0-9a-fA-F]{40}`));
    }
    const policy = async (name: string) => JSON.parse(await readFile(path.join(devnet.home, "devnet", "participants", name, "policy.json"), "utf8")) as Record<string, unknown>;
    expect(await policy("servicer-s")).to.include({ admission: "approve-all", xorPrice: "10000000000000000" });
    expect(await policy("materials-a")).to.deep.include({ admission: "approve-all", followLots: [LOT] });
    expect(await policy("chemicals-b")).to.include({ admission: "approve-all", disclose: "relation-and-index" });
    expect(output.join("\n")).to.match(/npx hardhat quality:publish --participant chemicals-b --lot lot-42 --x 41357 --y 41350 .*--servicer servicer-s --network localhost/);
  });

  it("B publishes; S offers, A buys (stopped and restarted right after), S delivers, A confirms and requests, B answers, A records once", async () => {
    const addresses = await deploymentAddresses();
    const registry = ConsortiumRegistry__factory.connect(addressOf(addresses, "ConsortiumRegistry"), devnet.provider);
    const { channel, market, escrow, board } = connectQuality({ deployment: { address: (name) => addressOf(addresses, name) }, runner: devnet.provider });
    // A's endpoints first (its first transaction), so the later ones are all quality steps.
    await waitFor("A's endpoints on chain", async () => (await registry.member(MATERIALS_A)).profile.multiaddrs.length === 1, 15_000);

    const publishStarted = Date.now();
    const publish = await devnet.runTask([
      "quality:publish", "--participant", "chemicals-b", "--lot", LOT, "--x", String(X), "--y", String(Y),
      "--label-t", "week-18", "--label-t-1", "week-19", "--servicer", "servicer-s", "--network", "localhost",
    ]);
    expect(publish.code, publish.text).to.equal(0);
    expect(publish.text).to.match(/^published pair #1 \(lot lot-42, pair 1 of the lot, 32 bits, 3072-bit Paillier key\)$/m);
    const publishedAt = Date.now();

    // The onLine hook above sends SIGTERM when A logs its purchase.
    await waitForLine(output, /^\[materials-a\s*\] .* SIGTERM received: finishing the current event and stopping/, 30_000);
    await waitForLine(output, /^\[materials-a\s*\] agent exited \(code 0\)$/, 15_000);
    const [order] = await escrow.queryFilter(escrow.filters.OrderOpened(undefined, MATERIALS_A));
    expect(order, "A's escrow order").to.not.equal(undefined);
    atStop = { orderState: (await escrow.order(order!.args.orderId)).state, requestCount: await board.requestCount() };
    expect(atStop.requestCount, "no comparison request before the restart").to.equal(0n);

    // Restart A's agent the way devnet starts agents.
    const restartedAt = Date.now();
    restarted = spawnHardhat({
      projectRoot,
      args: ["agent", "--participant", "materials-a", "--network", "localhost"],
      env: devnet.env({ SEALEDCHAIN_HOME: path.join(devnet.home, "devnet"), SEALEDCHAIN_PASSWORD: DEVNET_DEMO_PASSWORD, SEALEDCHAIN_SKIP_BUILD: "1" }),
      onLine: (line) => restartedLines.push(line),
    });
    await waitForLine(restartedLines, / resuming on chain/, 30_000);

    const historyFile = path.join(devnet.home, "devnet", "participants", "materials-a", "quality", "history.json");
    await waitFor("A's history entry", async () => (await readQualityHistory({ file: historyFile })).length >= 1, 40_000);
    const recordedAt = Date.now();
    const history = await readQualityHistory({ file: historyFile });
    expect(history).to.have.length(1);
    expect(history[0]).to.include({
      requestId: "1",
      pairId: "1",
      lotId: lotIdOf(LOT),
      labelT: "week-18",
      labelT1: "week-19",
      relation: "X>Y",
      highestDifferingBit: 3,
      bound: "|X−Y| < 2^4",
    });
    console.log(
      `      publish process ${((publishedAt - publishStarted) / 1000).toFixed(1)} s; A stopped with its order ${ORDER_STATES[Number(atStop.orderState)]}; ` +
        `restarted A recorded the result ${((recordedAt - restartedAt) / 1000).toFixed(1)} s after its restart`,
    );

    // A few more polls of every agent: nothing more is sent.
    await sleep(2_000);
    const offers = await market.queryFilter(market.filters.OfferListed());
    expect(offers, "S's offers").to.have.length(1);
    const offerId = offers[0]!.args.offerId;
    const orders = await escrow.queryFilter(escrow.filters.OrderOpened(undefined, MATERIALS_A));
    expect(orders, "A's escrow orders").to.have.length(1);
    const orderId = orders[0]!.args.orderId;
    expect(await market.queryFilter(market.filters.XorPurchased(offerId, undefined, MATERIALS_A)), "purchases").to.have.length(1);
    expect(await escrow.queryFilter(escrow.filters.OrderDelivered(orderId)), "deliveries").to.have.length(1);
    expect(await escrow.queryFilter(escrow.filters.OrderConfirmed(orderId)), "confirmations").to.have.length(1);
    expect(await escrow.queryFilter(escrow.filters.OrderDisputed(orderId)), "disputes").to.have.length(0);
    const requests = await board.queryFilter(board.filters.RequestOpened(undefined, 1n, MATERIALS_A));
    expect(requests, "comparison requests").to.have.length(1);
    expect(await board.queryFilter(board.filters.Answered(requests[0]!.args.requestId)), "answers").to.have.length(1);
    expect(await board.queryFilter(board.filters.Rejected()), "rejections").to.have.length(0);
    expect(await channel.pairCount()).to.equal(1n);

    // A's transactions, decoded: its endpoints (once per agent start: each storage node listens
    // on a port the OS picks), its information server's URL (once: the port is kept across
    // restarts) and the four quality steps, none twice.
    const interfaces = [registry.interface, escrow.interface, market.interface, board.interface] as Interface[];
    const sent: string[] = [];
    const head = await devnet.provider.getBlockNumber();
    for (let n = 0; n <= head; n++) {
      const block = await devnet.provider.getBlock(n, true);
      for (const tx of block!.prefetchedTransactions) {
        if (tx.from.toLowerCase() !== MATERIALS_A.toLowerCase()) continue;
        const name = interfaces.map((i) => i.parseTransaction({ data: tx.data })?.name).find((found) => found !== undefined);
        sent.push(name ?? tx.data.slice(0, 10));
      }
    }
    expect([...sent].sort()).to.deep.equal(["confirm", "openOrder", "purchase", "request", "updateEndpoints", "updateEndpoints", "updateInfoServer"]);
    expect(await devnet.provider.getTransactionCount(MATERIALS_A)).to.equal(7);

    // No WARN/ERROR from A (before and after its restart), nor from any other agent.
    const agentLines = output.filter((l) => /^\[[a-z-]+\s*\] /.test(l) && !/^\[ignition/.test(l));
    expect(agentLines.filter((l) => / WARN | ERROR /.test(l)), "WARN/ERROR lines of devnet's agents").to.deep.equal([]);
    expect(restartedLines.filter((l) => / WARN | ERROR /.test(l)), "WARN/ERROR lines of the restarted A").to.deep.equal([]);
    // Who did what: the first A bought, the restarted A confirmed, requested and recorded.
    expect(restartedLines.join("\n")).to.match(/request #1: verified answer X>Y \(highest differing bit 3, \|X−Y\| < 2\^4\); added to history/);
    expect(restartedLines.join("\n")).to.match(/pair 1: comparison request #1 sent → tx 0x/);
  });

  it("quality:list and compare:result (another process) show the pair, the offer, the answered request and the recorded relation", async () => {
    const list = await devnet.runTask(["quality:list", "--network", "localhost"]);
    expect(list.code, list.text).to.equal(0);
    expect(list.text).to.match(/^1 pair\(s\)$/m);
    expect(list.text).to.match(/pair #1 {2}lot 0x[0-9a-f]{64} \(lot-42\) #1 {2}week-18 → week-19 {2}32 bits/);
    expect(list.text).to.match(/XOR posted to servicer 0x/);
    expect(list.text).to.match(/offer #1 {2}pair #1 {2}servicer 0x[0-9a-fA-F]{40} {2}10000000000000000 wei {2}Listed/);
    expect(list.text).to.match(/request #1 {2}pair #1 {2}by 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 {2}Answered/);

    const result = await devnet.runTask(["compare:result", "--participant", "materials-a", "--request", "1", "--network", "localhost"]);
    expect(result.code, result.text).to.equal(0);
    expect(result.text).to.match(/^request #1 \(pair #1, week-18 → week-19\): X>Y, highest differing bit 3, \|X−Y\| < 2\^4 \(answer verified\)$/m);
    expect(result.text).to.match(/already in .*materials-a\/quality\/history\.json/);
    expect(await readQualityHistory({ file: path.join(devnet.home, "devnet", "participants", "materials-a", "quality", "history.json") })).to.have.length(1);
  });

  it("SIGINT stops the restarted agent and devnet with exit code 0, leaving no process behind", async () => {
    const children = [...descendants(devnet.child!.pid!), restarted!.pid!, ...descendants(restarted!.pid!)];
    const commands = new Map(children.map((pid) => [pid, commandOf(pid)]));
    expect(await stopChild(restarted!, { signal: "SIGINT" })).to.equal(0);
    devnet.child!.kill("SIGINT");
    expect(await devnet.exited).to.equal(0);
    expect(await processesLeft(children, commands), "processes left running").to.deep.equal([]);
    expect(output.join("\n")).to.match(/^devnet stopped$/m);
    console.log(`      ${((Date.now() - devnet.startedAt) / 1000).toFixed(1)} s for this whole file`);
  });
});
