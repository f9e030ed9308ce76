import { expect } from "chai";
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { JsonRpcProvider, Network, Wallet } from "ethers";

import {
  DEMO_SCRYPT,
  createParticipant,
  deriveDemoParticipant,
  loadParticipant,
  participantPaths,
} from "../../../offchain/chain/index.js";
import { createParticipantAgent, type AgentLogger, type AgentRuntime } from "../../../offchain/agents/index.js";
import { findFreePort } from "../../../tasks/helpers/assert-port-free.js";
import { spawnHardhat, stopChild } from "../../../tasks/helpers/spawn-hardhat.js";
import { waitForJsonRpc } from "../../../tasks/helpers/wait-for-json-rpc.js";
import { Ballot__factory, ConsortiumRegistry__factory, type Ballot, type ConsortiumRegistry } from "../../../types/ethers-contracts/index.js";
import { makeProfile } from "../../helpers/consortium.js";

const projectRoot = path.resolve(import.meta.dirname, "../../..");

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("offchain/agents runtime over JSON-RPC (hardhat node)", function () {
  this.timeout(180_000);
  let port: number;
  let url: string;
  let node: ChildProcess | undefined;
  let provider: JsonRpcProvider;
  let home: string;
  const agents: AgentRuntime[] = [];
  const lines: string[] = [];
  const wallets: Wallet[] = [];
  let ballot: Ballot;
  let registry: ConsortiumRegistry;

  const startNode = async () => {
    node = spawnHardhat({ projectRoot, args: ["node", "--hostname", "127.0.0.1", "--port", String(port)] });
    await waitForJsonRpc({ url, timeoutMs: 60_000 });
  };
  /** Ballot then registry from Hardhat account #0, founders = accounts #1..#3: on a fresh
   * node the addresses are the same every time (same deployer, same nonces). */
  const deploy = async () => {
    const deployer = new Wallet((await deriveDemoParticipant(0)).walletPrivateKey, provider);
    const b = await new Ballot__factory(deployer).deploy();
    await b.waitForDeployment();
    const founders = wallets.slice(0, 3).map((w, i) => ({ account: w.address, profile: makeProfile(`Founder ${i}`).profile, roles: [] as string[] }));
    const r = await new ConsortiumRegistry__factory(deployer).deploy(await b.getAddress(), founders, {
      quorumBps: 5_000,
      votingDelay: 0,
      votingPeriod: 3_600,
      executionWindow: 86_400,
    });
    await r.waitForDeployment();
    return { ballot: b, registry: r };
  };
  const logger = (name: string): AgentLogger => {
    const push = (level: string) => (message: string) => lines.push(`${Date.now()} [${name}]${level} ${message}`);
    return { info: push(""), warn: push(" WARN"), error: push(" ERROR") };
  };
  /** Founder 0 proposes; returns the time the proposal was mined and its id. */
  const propose = async (label: string, account: string) => {
    const r = registry.connect(wallets[0]!);
    const receipt = await (await r.proposeMember(account, makeProfile(label).profile)).wait();
    const minedAt = Date.now();
    const proposalId = await ballot.proposalCount();
    expect(receipt?.status).to.equal(1);
    return { minedAt, proposalId };
  };

  before(async () => {
    port = await findFreePort();
    url = `http://127.0.0.1:${port}`;
    await startNode();
    provider = new JsonRpcProvider(url, Network.from(31337n), { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
    home = await mkdtemp(path.join(tmpdir(), "sealedchain-agents-rpc-"));
    for (let i = 1; i <= 4; i++) wallets.push(new Wallet((await deriveDemoParticipant(i)).walletPrivateKey, provider));
    ({ ballot, registry } = await deploy());
    const addresses: Record<string, string> = { Ballot: await ballot.getAddress(), ConsortiumRegistry: await registry.getAddress() };
    for (const i of [1, 2]) {
      const name = `founder-${i}`;
      await createParticipant({ name, home, password: "pw", keys: await deriveDemoParticipant(i + 1), scrypt: DEMO_SCRYPT });
      await writeFile(participantPaths({ name, home }).policy, JSON.stringify({ admission: "approve-all" }));
      const participant = await loadParticipant({ name, home, password: "pw" });
      const agent = await createParticipantAgent({
        participant,
        provider,
        deployment: { startBlock: 0, address: (n: string) => addresses[n]! },
        home,
        logger: logger(name),
        pollIntervalMs: 100,
      });
      agent.start();
      agents.push(agent);
    }
  });

  after(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    provider?.destroy();
    if (node !== undefined) await stopChild(node, { signal: "SIGKILL" });
    await rm(home, { recursive: true, force: true });
    if (process.env["SHOW_AGENT_LOG"] === "1") console.log(lines.join("\n"));
  });

  it("reacts to a proposal: the agents' votes land on chain and the candidate is admitted", async () => {
    const candidate = wallets[3]!.address;
    const { minedAt, proposalId } = await propose("Carrier F", candidate);
    await until("first agent vote", async () => (await ballot.queryFilter(ballot.filters.VoteCast(proposalId))).length > 0);
    const firstVote = Date.now() - minedAt;
    await until("admission", () => registry.isMember(candidate));
    console.log(`      first vote ${firstVote} ms after the proposal was mined; admitted after ${Date.now() - minedAt} ms (poll interval 100 ms)`);
    expect(await ballot.hasVoted(proposalId, wallets[1]!.address)).to.equal(true);
    expect(await ballot.hasVoted(proposalId, wallets[2]!.address)).to.equal(true);
    // One vote each and exactly one execution; an agent that lost the race to execute says
    // so (its transaction reverts or is never sent), it does not retry or fail.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const voters = (await ballot.queryFilter(ballot.filters.VoteCast(proposalId))).map((e) => e.args.voter);
    expect(voters).to.have.members([wallets[1]!.address, wallets[2]!.address]).and.have.length(2);
    expect(await ballot.queryFilter(ballot.filters.ProposalExecuted(proposalId))).to.have.length(1);
    const sent = (await provider.getTransactionCount(wallets[1]!.address)) + (await provider.getTransactionCount(wallets[2]!.address));
    expect(sent).to.be.within(3, 4);
    expect(lines.join("\n")).to.not.match(/ERROR|WARN/);
  });

  it("survives the node going away and coming back with fresh state", async () => {
    await stopChild(node!, { signal: "SIGINT" });
    const stoppedAt = Date.now();
    await until("outage logged", async () => lines.some((l) => l.includes("node unreachable")));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await startNode();
    console.log(`      node was down ${Date.now() - stoppedAt} ms (including its restart)`);
    await until("rewind detected", async () => lines.some((l) => l.includes("chain went backwards")), 30_000);
    ({ ballot, registry } = await deploy()); // same addresses on the fresh chain
    const candidate = wallets[3]!.address;
    const { minedAt, proposalId } = await propose("Carrier F again", candidate);
    await until("vote after restart", async () => (await ballot.queryFilter(ballot.filters.VoteCast(proposalId))).length > 0, 30_000);
    console.log(`      first vote after the restart: ${Date.now() - minedAt} ms after the proposal was mined`);
    await until("admission after restart", () => registry.isMember(candidate), 30_000);
    const text = lines.join("\n");
    expect(text).to.match(/WARN node unreachable/);
    expect(text).to.match(/node reachable again after/);
    expect(text).to.match(/WARN the chain went backwards: head is block \d+ but the cursor is at block \d+ — the node was probably restarted with fresh state/);
    expect(text).to.not.match(/ERROR/);
  });
});
