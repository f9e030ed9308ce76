import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { ConsortiumRegistry__factory } from "../../types/ethers-contracts/index.js";
import { DevnetProcess, commandOf, descendants, processesLeft, projectRoot, sleep } from "../helpers/devnet-process.js";

/** carrier-f = Hardhat test account #6 (devnet's demo keys). */
const CARRIER_F = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";

/**
 * The `devnet` and `agent` tasks as processes: devnet on a free port with a temporary
 * SEALEDCHAIN_HOME, then tasks from a second process, as a user would run them.
 */
describe("tasks: devnet and agent as processes", function () {
  this.timeout(180_000);
  const devnet = new DevnetProcess({ homePrefix: "sealedchain-devnet-" });
  const { output } = devnet;
  const waitForLine = (pattern: RegExp, timeoutMs: number) => devnet.waitForLine(pattern, timeoutMs);

  before(() => devnet.start());
  after(() => devnet.cleanup());

  it("prints the export line for its port; tasks in another process reach it", () => {
    expect(devnet.networkEnv["SEALEDCHAIN_RPC_URL"]).to.equal(`http://127.0.0.1:${devnet.port}`);
    expect(devnet.networkEnv["SEALEDCHAIN_DEPLOYMENT"]).to.equal(path.join(projectRoot, "ignition", "deployments", `devnet-${devnet.port}`, "deployed_addresses.json"));
    expect(output.join("\n")).to.match(/deployed: .*Consortium#ConsortiumRegistry 0x.*SealedChain#FairExchangeEscrow 0x/);
  });

  it("admits carrier-f: consortium:propose-member from a second process, the agents vote and execute", async () => {
    const deployment = JSON.parse(await readFile(devnet.networkEnv["SEALEDCHAIN_DEPLOYMENT"]!, "utf8")) as Record<string, string>;
    const registry = ConsortiumRegistry__factory.connect(deployment["Consortium#ConsortiumRegistry"]!, devnet.provider);
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
    const propose = await devnet.runTask(["consortium:propose-member", "--participant", "materials-a", "--candidate", "carrier-f", "--network", "localhost"]);
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

    const members = await devnet.runTask(["consortium:members", "--network", "localhost"]);
    expect(members.code, members.text).to.equal(0);
    expect(members.text).to.match(/^- Carrier F 0x976EA74026E726554dB657fA54763abd0C3a0aa9$/m);
    expect(members.text).to.match(/#1 admit 'Carrier F' .*: Executed, 3 for \/ 0 against/);
  });

  it("agent: SIGTERM stops it with exit code 0 and its cursor saved", async () => {
    const agentPid = descendants(devnet.child!.pid!).find((pid) => /hardhat agent --participant carrier-f/.test(commandOf(pid)));
    expect(agentPid, "carrier-f's agent process").to.be.a("number");
    const head = await devnet.provider.getBlockNumber();
    await sleep(1_000); // a few polls: the agent has caught up to `head`
    process.kill(agentPid!, "SIGTERM");
    await waitForLine(/^\[carrier-f\s*\] agent exited \(code 0\)$/, 15_000);
    expect(output.join("\n")).to.match(/\[carrier-f\s*\] .* SIGTERM received: finishing the current event and stopping/);
    const cursor = JSON.parse(await readFile(path.join(devnet.home, "devnet", "participants", "carrier-f", "agent", "cursor.json"), "utf8")) as {
      chainId: string;
      blockNumber: number;
      blockComplete: boolean;
    };
    expect(cursor.chainId).to.equal("31337");
    expect(cursor.blockNumber).to.be.at.least(head);
    expect(cursor.blockComplete).to.equal(true);
  });

  it("SIGINT stops devnet with exit code 0 and leaves no process behind", async () => {
    const children = descendants(devnet.child!.pid!);
    const commands = new Map(children.map((pid) => [pid, commandOf(pid)]));
    expect([...commands.values()].filter((c) => /\/hardhat (node|agent) /.test(c)), "node + 5 agents still running").to.have.length(6);
    const stopping = Date.now();
    devnet.child!.kill("SIGINT");
    expect(await devnet.exited).to.equal(0);
    console.log(`      devnet stopped ${Date.now() - stopping} ms after SIGINT; ${((Date.now() - devnet.startedAt) / 1000).toFixed(1)} s for this whole file`);
    expect(await processesLeft(children, commands), "processes left running").to.deep.equal([]);
    expect(output.join("\n")).to.match(/^devnet stopped$/m);
  });
});
