import { expect } from "chai";
import { execFileSync, type ChildProcess } from "node:child_process";
import { readFile, rm, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { JsonRpcProvider, Network } from "ethers";

import { findFreePort } from "../../tasks/helpers/assert-port-free.js";
import { spawnHardhat, stopChild } from "../../tasks/helpers/spawn-hardhat.js";
import { ConsortiumRegistry__factory } from "../../types/ethers-contracts/index.js";

const projectRoot = path.resolve(import.meta.dirname, "../..");
/** carrier-f = Hardhat test account #6 (devnet's demo keys). */
const CARRIER_F = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";

/**
 * The `devnet` and `agent` tasks as processes: devnet on a free port with a temporary
 * SEALEDCHAIN_HOME, then tasks from a second process, as a user would run them.
 */
describe("tasks: devnet and agent as processes", function () {
  this.timeout(180_000);
  let port: number;
  let home: string;
  let devnet: ChildProcess | undefined;
  let devnetExit: Promise<number | null>;
  const output: string[] = [];
  /** The export line devnet printed for a port other than 8545, as env entries. */
  let networkEnv: Record<string, string> = {};
  let provider: JsonRpcProvider;
  let startedAt = 0;

  /** Output lines (stdout and stderr) matching `pattern`, waiting up to `timeoutMs`. */
  const waitForLine = async (pattern: RegExp, timeoutMs: number): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = output.find((l) => pattern.test(l));
      if (line !== undefined) return line;
      if (devnet?.exitCode !== null) throw new Error(`devnet exited (code ${devnet?.exitCode}) before printing ${pattern}:\n${output.slice(-40).join("\n")}`);
      if (Date.now() > deadline) throw new Error(`devnet did not print ${pattern} within ${timeoutMs} ms:\n${output.slice(-40).join("\n")}`);
      await sleep(100);
    }
  };
  /** Runs `hardhat <args>` against the devnet; resolves with its exit code and output. */
  const runTask = async (args: string[]) => {
    const lines: string[] = [];
    const child = spawnHardhat({ projectRoot, args, env: { ...withoutNetworkEnv(process.env), ...networkEnv, SEALEDCHAIN_HOME: home }, onLine: (line) => lines.push(line) });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    return { code, text: lines.join("\n") };
  };
  /** Every process below `pid` (node, agents, and whatever they started). */
  const descendants = (pid: number): number[] => {
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
  };
  const isAlive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  before(async () => {
    startedAt = Date.now();
    port = await findFreePort();
    home = await mkdtemp(path.join(tmpdir(), "sealedchain-devnet-"));
    devnet = spawnHardhat({
      projectRoot,
      args: ["devnet", "--port", String(port)],
      env: { ...withoutNetworkEnv(process.env), SEALEDCHAIN_HOME: home },
      onLine: (line) => output.push(line),
    });
    devnetExit = new Promise((resolve) => devnet!.once("exit", (code) => resolve(code)));
    const ready = await waitForLine(/^devnet ready in /, 150_000);
    console.log(`      ${ready.split(":")[0]} (measured by the test: ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
    const exportLine = await waitForLine(/^\s+export SEALEDCHAIN_RPC_URL=/, 1_000);
    networkEnv = Object.fromEntries(
      exportLine.trim().split("#")[0]!.replace(/^export /, "").trim().split(/\s+/).map((pair) => pair.split("=", 2) as [string, string]),
    );
    provider = new JsonRpcProvider(`http://127.0.0.1:${port}`, Network.from(31337n), { staticNetwork: true });
  });

  after(async () => {
    provider?.destroy();
    if (devnet !== undefined && devnet.exitCode === null) await stopChild(devnet, { signal: "SIGKILL" });
    await rm(home, { recursive: true, force: true });
    await rm(path.join(projectRoot, "ignition", "deployments", `devnet-${port}`), { recursive: true, force: true });
    if (process.env["SHOW_DEVNET_LOG"] === "1") console.log(output.join("\n"));
  });

  it("prints the export line for its port; tasks in another process reach it", () => {
    expect(networkEnv["SEALEDCHAIN_RPC_URL"]).to.equal(`http://127.0.0.1:${port}`);
    expect(networkEnv["SEALEDCHAIN_DEPLOYMENT"]).to.equal(path.join(projectRoot, "ignition", "deployments", `devnet-${port}`, "deployed_addresses.json"));
    expect(output.join("\n")).to.match(/deployed: .*Consortium#ConsortiumRegistry 0x.*SealedChain#FairExchangeEscrow 0x/);
  });

  it("admits carrier-f: consortium:propose-member from a second process, the agents vote and execute", async () => {
    const deployment = JSON.parse(await readFile(networkEnv["SEALEDCHAIN_DEPLOYMENT"]!, "utf8")) as Record<string, string>;
    const registry = ConsortiumRegistry__factory.connect(deployment["Consortium#ConsortiumRegistry"]!, provider);
    expect(await registry.isMember(CARRIER_F)).to.equal(false);
    // Every founder's agent publishes its dynamic libp2p port on chain on its first poll.
    const published = async () => {
      const profiles = await Promise.all((await registry.members()).map(async (account) => (await registry.member(account)).profile));
      return profiles.every((p) => p.multiaddrs.length === 1 && new RegExp(`^/ip4/127\\.0\\.0\\.1/tcp/[1-9][0-9]*/p2p/${p.peerId}$`).test(p.multiaddrs[0]!));
    };
    for (let waited = 0; !(await published()); waited += 100) {
      if (waited > 10_000) throw new Error(`founders' endpoints not published within 10 s:\n${output.slice(-30).join("\n")}`);
      await sleep(100);
    }

    const proposeStarted = Date.now();
    const propose = await runTask(["consortium:propose-member", "--participant", "materials-a", "--candidate", "carrier-f", "--network", "localhost"]);
    expect(propose.code, propose.text).to.equal(0);
    expect(propose.text).to.match(/'materials-a' proposed admitting 'Carrier F' \(0x976EA74026E726554dB657fA54763abd0C3a0aa9\) → proposal #1/);
    const proposedAt = Date.now();
    const deadline = Date.now() + 20_000;
    while (!(await registry.isMember(CARRIER_F))) {
      if (Date.now() > deadline) throw new Error(`carrier-f not admitted within 20 s:\n${output.slice(-30).join("\n")}`);
      await sleep(100);
    }
    console.log(
      `      propose-member process took ${((proposedAt - proposeStarted) / 1000).toFixed(1)} s; carrier-f admitted ${Date.now() - proposedAt} ms after it exited`,
    );
    // The agents log after their receipts: their lines may trail the admission a little.
    await waitForLine(/succeeded \(3 for \/ 0 against, quorum 3\): executing it → tx 0x/, 5_000);
    const votes = () => output.filter((l) => /voting FOR per policy admission=approve-all → tx 0x/.test(l)).length;
    for (let waited = 0; votes() < 3 && waited < 5_000; waited += 100) await sleep(100);
    expect(votes(), "vote lines (3 votes reach the quorum of 3 of 5)").to.equal(3);
    const log = output.join("\n");
    expect(log).to.not.match(/ WARN | ERROR /);

    const members = await runTask(["consortium:members", "--network", "localhost"]);
    expect(members.code, members.text).to.equal(0);
    expect(members.text).to.match(/^- Carrier F 0x976EA74026E726554dB657fA54763abd0C3a0aa9$/m);
    expect(members.text).to.match(/#1 admit 'Carrier F' .*: Executed, 3 for \/ 0 against/);
  });

  it("agent: SIGTERM stops it with exit code 0 and its cursor saved", async () => {
    const agentPid = descendants(devnet!.pid!).find((pid) => {
      const args = execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" });
      return /hardhat agent --participant carrier-f/.test(args);
    });
    expect(agentPid, "carrier-f's agent process").to.be.a("number");
    const head = await provider.getBlockNumber();
    await sleep(1_000); // a few polls: the agent has caught up to `head`
    process.kill(agentPid!, "SIGTERM");
    await waitForLine(/^\[carrier-f\s*\] agent exited \(code 0\)$/, 15_000);
    expect(output.join("\n")).to.match(/\[carrier-f\s*\] .* SIGTERM received: finishing the current event and stopping/);
    const cursor = JSON.parse(await readFile(path.join(home, "devnet", "participants", "carrier-f", "agent", "cursor.json"), "utf8")) as {
      chainId: string;
      blockNumber: number;
      blockComplete: boolean;
    };
    expect(cursor.chainId).to.equal("31337");
    expect(cursor.blockNumber).to.be.at.least(head);
    expect(cursor.blockComplete).to.equal(true);
  });

  it("SIGINT stops devnet with exit code 0 and leaves no process behind", async () => {
    const children = descendants(devnet!.pid!);
    const commands = new Map(children.map((pid) => [pid, execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim()]));
    expect([...commands.values()].filter((c) => /\/hardhat (node|agent) /.test(c)), "node + 5 agents still running").to.have.length(6);
    const stopping = Date.now();
    devnet!.kill("SIGINT");
    expect(await devnetExit).to.equal(0);
    console.log(`      devnet stopped ${Date.now() - stopping} ms after SIGINT; ${((Date.now() - startedAt) / 1000).toFixed(1)} s for this whole file`);
    // Grandchildren (e.g. a helper process of hardhat node) may take a moment after their parent.
    for (let waited = 0; children.some(isAlive) && waited < 5_000; waited += 100) await sleep(100);
    expect(children.filter(isAlive).map((pid) => `${pid} ${commands.get(pid)}`), "processes left running").to.deep.equal([]);
    expect(output.join("\n")).to.match(/^devnet stopped$/m);
  });
});

/** The environment without a devnet export a developer may have left set. */
function withoutNetworkEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { SEALEDCHAIN_RPC_URL: _url, SEALEDCHAIN_DEPLOYMENT: _deployment, ...rest } = env;
  return rest;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
