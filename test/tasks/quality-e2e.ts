import { expect } from "chai";
import { execFileSync, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { Interface, JsonRpcProvider, Network } from "ethers";

import { DEVNET_DEMO_PASSWORD, connectQuality } from "../../offchain/chain/index.js";
import { ORDER_STATES, lotIdOf, readQualityHistory } from "../../offchain/quality/index.js";
import { findFreePort } from "../../tasks/helpers/assert-port-free.js";
import { spawnHardhat, stopChild } from "../../tasks/helpers/spawn-hardhat.js";
import { ConsortiumRegistry__factory } from "../../types/ethers-contracts/index.js";

const projectRoot = path.resolve(import.meta.dirname, "../..");
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
  let port: number;
  let home: string;
  let devnet: ChildProcess | undefined;
  let devnetExit: Promise<number | null>;
  /** devnet's output (its own lines and every agent's prefixed lines). */
  const output: string[] = [];
  /** Lines of A's restarted agent (spawned by this test). */
  const restartedLines: string[] = [];
  let restarted: ChildProcess | undefined;
  let networkEnv: Record<string, string> = {};
  let provider: JsonRpcProvider;
  let startedAt = 0;
  let agentAPid: number | undefined;
  /** What the chain said when A's first agent was told to stop. */
  let atStop: { orderState: bigint; requestCount: bigint } | undefined;

  const waitFor = async (what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (devnet?.exitCode !== null) throw new Error(`devnet exited (code ${devnet?.exitCode}) while waiting for ${what}:\n${output.slice(-40).join("\n")}`);
      if (Date.now() > deadline) throw new Error(`timed out (${timeoutMs} ms) waiting for ${what}:\n${output.slice(-40).join("\n")}\n--- restarted A:\n${restartedLines.join("\n")}`);
      await sleep(100);
    }
  };
  const waitForLine = async (lines: string[], pattern: RegExp, timeoutMs: number): Promise<string> => {
    await waitFor(String(pattern), () => lines.some((l) => pattern.test(l)), timeoutMs);
    return lines.find((l) => pattern.test(l))!;
  };
  /** Runs `hardhat <args>` against the devnet; resolves with its exit code and output. */
  const runTask = async (args: string[]) => {
    const lines: string[] = [];
    const child = spawnHardhat({ projectRoot, args, env: { ...withoutNetworkEnv(process.env), ...networkEnv, SEALEDCHAIN_HOME: home }, onLine: (line) => lines.push(line) });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    return { code, text: lines.join("\n") };
  };
  const deploymentAddresses = async () => JSON.parse(await readFile(networkEnv["SEALEDCHAIN_DEPLOYMENT"]!, "utf8")) as Record<string, string>;
  const addressOf = (addresses: Record<string, string>, contractName: string) => {
    const key = Object.keys(addresses).find((k) => k.endsWith(`#${contractName}`));
    if (key === undefined) throw new Error(`${contractName} not in the deployment: ${Object.keys(addresses).join(", ")}`);
    return addresses[key]!;
  };

  before(async () => {
    startedAt = Date.now();
    port = await findFreePort();
    home = await mkdtemp(path.join(tmpdir(), "sealedchain-quality-e2e-"));
    let stopSent = false;
    devnet = spawnHardhat({
      projectRoot,
      args: ["devnet", "--port", String(port)],
      env: { ...withoutNetworkEnv(process.env), SEALEDCHAIN_HOME: home },
      onLine: (line) => {
        output.push(line);
        // Mid-protocol: stop A's agent as soon as it reports its purchase (openOrder +
        // purchase mined), before S's delivery is confirmed and the comparison requested.
        if (!stopSent && agentAPid !== undefined && /^\[materials-a\s*\] .*bought offer #\d+ as escrow order #\d+ → tx 0x/.test(line)) {
          stopSent = true;
          process.kill(agentAPid, "SIGTERM");
        }
      },
    });
    devnetExit = new Promise((resolve) => devnet!.once("exit", (code) => resolve(code)));
    const ready = await waitForLine(output, /^devnet ready in /, 150_000);
    console.log(`      ${ready.split(":")[0]} (measured by the test: ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
    const exportLine = await waitForLine(output, /^\s+export SEALEDCHAIN_RPC_URL=/, 1_000);
    networkEnv = Object.fromEntries(
      exportLine.trim().split("#")[0]!.replace(/^export /, "").trim().split(/\s+/).map((pair) => pair.split("=", 2) as [string, string]),
    );
    provider = new JsonRpcProvider(`http://127.0.0.1:${port}`, Network.from(31337n), { staticNetwork: true });
    agentAPid = descendants(devnet.pid!).find((pid) => /hardhat agent --participant materials-a /.test(commandOf(pid)));
    expect(agentAPid, "materials-a's agent process").to.be.a("number");
  });

  after(async () => {
    provider?.destroy();
    if (restarted !== undefined && restarted.exitCode === null) await stopChild(restarted, { signal: "SIGKILL" });
    if (devnet !== undefined && devnet.exitCode === null) await stopChild(devnet, { signal: "SIGKILL" });
    await rm(home, { recursive: true, force: true });
    await rm(path.join(projectRoot, "ignition", "deployments", `devnet-${port}`), { recursive: true, force: true });
    if (process.env["SHOW_DEVNET_LOG"] === "1") console.log([...output, "--- restarted A:", ...restartedLines].join("\n"));
  });

  it("devnet deploys the quality module and writes the demo quality policies", async () => {
    expect(output.join("\n")).to.match(/deploying ignition\/modules\/Quality\.ts with Ignition/);
    const deployed = output.find((l) => l.startsWith("deployed: ")) ?? "";
    for (const name of ["Quality#QualityChannel", "Quality#XorMarket", "Quality#ComparisonBoard", "SealedChain#FairExchangeEscrow", "Consortium#ConsortiumRegistry"]) {
      expect(deployed).to.match(new RegExp(`${name} 0x[0-9a-fA-F]{40}`));
    }
    const policy = async (name: string) => JSON.parse(await readFile(path.join(home, "devnet", "participants", name, "policy.json"), "utf8")) as Record<string, unknown>;
    expect(await policy("servicer-s")).to.include({ admission: "approve-all", xorPrice: "10000000000000000" });
    expect(await policy("materials-a")).to.deep.include({ admission: "approve-all", followLots: [LOT] });
    expect(await policy("chemicals-b")).to.include({ admission: "approve-all", disclose: "relation-and-index" });
    expect(output.join("\n")).to.match(/npx hardhat quality:publish --participant chemicals-b --lot lot-42 --x 41357 --y 41350 .*--servicer servicer-s --network localhost/);
  });

  it("B publishes; S offers, A buys (stopped and restarted right after), S delivers, A confirms and requests, B answers, A records once", async () => {
    const addresses = await deploymentAddresses();
    const registry = ConsortiumRegistry__factory.connect(addressOf(addresses, "ConsortiumRegistry"), provider);
    const { channel, market, escrow, board } = connectQuality({ deployment: { address: (name) => addressOf(addresses, name) }, runner: provider });
    // A's endpoints first (its first transaction), so the later ones are all quality steps.
    await waitFor("A's endpoints on chain", async () => (await registry.member(MATERIALS_A)).profile.multiaddrs.length === 1, 15_000);

    const publishStarted = Date.now();
    const publish = await runTask([
      "quality:publish", "--participant", "chemicals-b", "--lot", LOT, "--x", String(X), "--y", String(Y),
      "--label-t", "week-18", "--label-t-1", "week-19", "--servicer", "servicer-s", "--network", "localhost",
    ]);
    expect(publish.code, publish.text).to.equal(0);
    expect(publish.text).to.match(/^published pair #1 \(lot lot-42, pair 1 of the lot, 16 bits, 3072-bit Paillier key\)$/m);
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
      env: { ...withoutNetworkEnv(process.env), ...networkEnv, SEALEDCHAIN_HOME: path.join(home, "devnet"), SEALEDCHAIN_PASSWORD: DEVNET_DEMO_PASSWORD, SEALEDCHAIN_SKIP_BUILD: "1" },
      onLine: (line) => restartedLines.push(line),
    });
    await waitForLine(restartedLines, / resuming on chain/, 30_000);

    const historyFile = path.join(home, "devnet", "participants", "materials-a", "quality", "history.json");
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
    // on a port the OS picks) and the four quality steps, none twice.
    const interfaces = [registry.interface, escrow.interface, market.interface, board.interface] as Interface[];
    const sent: string[] = [];
    const head = await provider.getBlockNumber();
    for (let n = 0; n <= head; n++) {
      const block = await provider.getBlock(n, true);
      for (const tx of block!.prefetchedTransactions) {
        if (tx.from.toLowerCase() !== MATERIALS_A.toLowerCase()) continue;
        const name = interfaces.map((i) => i.parseTransaction({ data: tx.data })?.name).find((found) => found !== undefined);
        sent.push(name ?? tx.data.slice(0, 10));
      }
    }
    expect([...sent].sort()).to.deep.equal(["confirm", "openOrder", "purchase", "request", "updateEndpoints", "updateEndpoints"]);
    expect(await provider.getTransactionCount(MATERIALS_A)).to.equal(6);

    // No WARN/ERROR from A (before and after its restart), nor from any other agent.
    const agentLines = output.filter((l) => /^\[[a-z-]+\s*\] /.test(l) && !/^\[ignition/.test(l));
    expect(agentLines.filter((l) => / WARN | ERROR /.test(l)), "WARN/ERROR lines of devnet's agents").to.deep.equal([]);
    expect(restartedLines.filter((l) => / WARN | ERROR /.test(l)), "WARN/ERROR lines of the restarted A").to.deep.equal([]);
    // Who did what: the first A bought, the restarted A confirmed, requested and recorded.
    expect(restartedLines.join("\n")).to.match(/request #1: verified answer X>Y \(highest differing bit 3, \|X−Y\| < 2\^4\); added to history/);
    expect(restartedLines.join("\n")).to.match(/pair 1: comparison request #1 sent → tx 0x/);
  });

  it("quality:list and compare:result (another process) show the pair, the offer, the answered request and the recorded relation", async () => {
    const list = await runTask(["quality:list", "--network", "localhost"]);
    expect(list.code, list.text).to.equal(0);
    expect(list.text).to.match(/^1 pair\(s\)$/m);
    expect(list.text).to.match(/pair #1 {2}lot 0x[0-9a-f]{64} \(lot-42\) #1 {2}week-18 → week-19 {2}16 bits/);
    expect(list.text).to.match(/XOR posted to servicer 0x/);
    expect(list.text).to.match(/offer #1 {2}pair #1 {2}servicer 0x[0-9a-fA-F]{40} {2}10000000000000000 wei {2}Listed/);
    expect(list.text).to.match(/request #1 {2}pair #1 {2}by 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 {2}Answered/);

    const result = await runTask(["compare:result", "--participant", "materials-a", "--request", "1", "--network", "localhost"]);
    expect(result.code, result.text).to.equal(0);
    expect(result.text).to.match(/^request #1 \(pair #1, week-18 → week-19\): X>Y, highest differing bit 3, \|X−Y\| < 2\^4 \(answer verified\)$/m);
    expect(result.text).to.match(/already in .*materials-a\/quality\/history\.json/);
    expect(await readQualityHistory({ file: path.join(home, "devnet", "participants", "materials-a", "quality", "history.json") })).to.have.length(1);
  });

  it("SIGINT stops the restarted agent and devnet with exit code 0, leaving no process behind", async () => {
    const children = [...descendants(devnet!.pid!), restarted!.pid!, ...descendants(restarted!.pid!)];
    const commands = new Map(children.map((pid) => [pid, commandOf(pid)]));
    expect(await stopChild(restarted!, { signal: "SIGINT" })).to.equal(0);
    devnet!.kill("SIGINT");
    expect(await devnetExit).to.equal(0);
    for (let waited = 0; children.some(isAlive) && waited < 5_000; waited += 100) await sleep(100);
    expect(children.filter(isAlive).map((pid) => `${pid} ${commands.get(pid)}`), "processes left running").to.deep.equal([]);
    expect(output.join("\n")).to.match(/^devnet stopped$/m);
    console.log(`      ${((Date.now() - startedAt) / 1000).toFixed(1)} s for this whole file`);
  });
});

/** Every process below `pid`. */
function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((row) => row.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

function commandOf(pid: number): string {
  try {
    return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim();
  } catch {
    return "(gone)";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The environment without a devnet export a developer may have left set. */
function withoutNetworkEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { SEALEDCHAIN_RPC_URL: _url, SEALEDCHAIN_DEPLOYMENT: _deployment, ...rest } = env;
  return rest;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
