import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { network } from "hardhat";

import {
  DEMO_SCRYPT,
  createParticipant,
  deploymentOfContracts,
  deriveDemoParticipant,
  loadParticipant,
  participantPaths,
  type Participant,
} from "../../../../offchain/chain/index.js";
import { createParticipantAgent, type AgentLogger, type AgentRuntime } from "../../../../offchain/agents/index.js";
import { deployConsortium, makeProfile } from "../../../helpers/consortium.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

type Deployed = Awaited<ReturnType<typeof deployConsortium>>;

describe("offchain/agents membership handler: proposals revisited on every poll", function () {
  this.timeout(120_000);
  const homes: string[] = [];
  const lines: string[] = [];

  /** Agents for founders `indices` of `deployed`, each with `policy`, in a fresh home. */
  const startAgents = async (deployed: Deployed, policies: Record<number, "approve-all" | "manual">) => {
    const home = await mkdtemp(path.join(tmpdir(), "sealedchain-membership-"));
    homes.push(home);
    const deployment = await deploymentOfContracts({
      startBlock: 0,
      contracts: { Ballot: deployed.ballot, ConsortiumRegistry: deployed.registry },
    });
    const participants: Participant[] = [];
    const create = async (i: number): Promise<AgentRuntime> =>
      createParticipantAgent({
        participant: participants[i]!,
        provider: ethers.provider,
        deployment,
        home,
        logger: captureLogger(`founder-${i}`, lines),
      });
    const agents: AgentRuntime[] = [];
    for (const [key, admission] of Object.entries(policies)) {
      const i = Number(key);
      const name = `founder-${i}`;
      await createParticipant({ name, home, password: "pw", keys: await deriveDemoParticipant(i), scrypt: DEMO_SCRYPT });
      await writeFile(participantPaths({ name, home }).policy, JSON.stringify({ admission }));
      participants[i] = await loadParticipant({ name, home, password: "pw" });
      expect(participants[i]!.wallet.address).to.equal(deployed.founders[i]!.address);
      agents[i] = await create(i);
    }
    /** A new runtime for founder i: a restart, with the cursor already past the proposals. */
    return { agents, restart: create };
  };
  const propose = async (deployed: Deployed, candidate: number, label: string) => {
    await (await deployed.registry.connect(deployed.founders[0]!).proposeMember(deployed.others[candidate]!.address, makeProfile(label).profile)).wait();
    return deployed.ballot.proposalCount();
  };
  const votes = async (deployed: Deployed, proposalId: bigint) => (await deployed.ballot.queryFilter(deployed.ballot.filters.VoteCast(proposalId))).map((e) => e.args.voter);
  const executions = async (deployed: Deployed, proposalId: bigint) => (await deployed.ballot.queryFilter(deployed.ballot.filters.ProposalExecuted(proposalId))).length;
  const nonces = (deployed: Deployed) => Promise.all(deployed.founders.map((f) => ethers.provider.getTransactionCount(f.address)));

  after(async () => {
    await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
    if (process.env["SHOW_AGENT_LOG"] === "1") console.log(lines.join("\n"));
  });

  it("votes once a proposal created with a voting delay becomes Active, also after a restart", async () => {
    const deployed = await deployConsortium(connection, { founders: 3, votingDelay: 60 });
    const { agents, restart } = await startAgents(deployed, { 0: "approve-all", 1: "approve-all", 2: "approve-all" });
    const proposalId = await propose(deployed, 0, "Carrier F");
    for (const agent of agents) await agent.runOnce();
    expect(await votes(deployed, proposalId)).to.deep.equal([]); // Pending: nobody can vote yet

    await networkHelpers.time.increase(61); // mines a block: voting is open now
    await agents[0]!.runOnce(); // the same runtime: its next tick notices
    const restarted = await restart(1); // a restarted agent: its cursor is past ProposalCreated
    await restarted.runOnce();
    await agents[2]!.runOnce();

    expect(await deployed.registry.isMember(deployed.others[0]!.address)).to.equal(true);
    expect(await votes(deployed, proposalId)).to.deep.equal([deployed.founders[0]!.address, deployed.founders[1]!.address]);
    expect(await executions(deployed, proposalId)).to.equal(1);
    const text = lines.join("\n");
    expect(text).to.match(/\[founder-1\] proposal #1 to admit 'Carrier F' .*: Pending until .*; will vote FOR per policy admission=approve-all once it is Active/);
    expect(text).to.match(/\[founder-0\] proposal #1 to admit 'Carrier F' .*: voting FOR per policy admission=approve-all → tx 0x/);
    expect(text).to.match(/\[founder-1\] proposal #1 .*succeeded \(2 for \/ 0 against, quorum 2\): executing it → tx 0x/);

    const before = await nonces(deployed);
    for (const agent of [...agents, restarted]) await agent.runOnce();
    expect(await nonces(deployed)).to.deep.equal(before); // nothing left to do, nothing sent twice
  });

  it("executes a proposal that only succeeds when its voting period ends", async () => {
    // 5 members, quorum 30% = 2 votes; 2 "for" votes are not a majority of all 5, so the
    // proposal stays Active until voteEnd and only then becomes Succeeded.
    const deployed = await deployConsortium(connection, { founders: 5, quorumBps: 3_000 });
    const { agents } = await startAgents(deployed, { 0: "approve-all", 1: "approve-all", 2: "manual" });
    const proposalId = await propose(deployed, 0, "Carrier G");
    for (const agent of agents) await agent.runOnce();
    expect(await votes(deployed, proposalId)).to.have.length(2);
    expect(await deployed.ballot.state(proposalId)).to.equal(1n); // Active
    expect(await executions(deployed, proposalId)).to.equal(0);

    await networkHelpers.time.increase(3_601);
    expect(await deployed.ballot.state(proposalId)).to.equal(2n); // Succeeded, nobody voted since
    await agents[2]!.runOnce(); // a manual agent does not vote, but it executes what the members decided
    expect(await deployed.registry.isMember(deployed.others[0]!.address)).to.equal(true);
    expect(await executions(deployed, proposalId)).to.equal(1);
    expect(lines.join("\n")).to.match(/\[founder-2\] proposal #1 to admit 'Carrier G' .*succeeded \(2 for \/ 0 against, quorum 2\): executing it → tx 0x/);

    const before = await nonces(deployed);
    for (const agent of agents) await agent.runOnce();
    expect(await nonces(deployed)).to.deep.equal(before);
  });

  it("two agents racing to execute: one ProposalExecuted, the other says so and carries on", async () => {
    const deployed = await deployConsortium(connection, { founders: 5, quorumBps: 3_000 });
    const { agents } = await startAgents(deployed, { 0: "approve-all", 1: "approve-all" });
    const proposalId = await propose(deployed, 0, "Carrier H");
    for (const agent of agents) await agent.runOnce();
    await networkHelpers.time.increase(3_601);
    const mark = lines.length;

    // No automine: both agents see Succeeded and send before either transaction is mined.
    await connection.provider.request({ method: "evm_setAutomine", params: [false] });
    try {
      let settled = 0;
      const runs = agents.map((agent) => agent.runOnce().finally(() => settled++));
      const sentAtLeastOne = async () => {
        const [pending, latest] = await Promise.all([
          Promise.all(agents.map((_, i) => ethers.provider.getTransactionCount(deployed.founders[i]!.address, "pending"))),
          Promise.all(agents.map((_, i) => ethers.provider.getTransactionCount(deployed.founders[i]!.address, "latest"))),
        ]);
        return pending.some((n, i) => n > latest[i]!);
      };
      const deadline = Date.now() + 10_000;
      while (!(await sentAtLeastOne())) {
        if (Date.now() > deadline) throw new Error("no agent sent an execute transaction within 10 s");
        await sleep(10);
      }
      await sleep(300); // give the other agent time to send too
      while (settled < runs.length) {
        await networkHelpers.mine();
        await sleep(20);
      }
      await Promise.all(runs); // neither agent failed
    } finally {
      await connection.provider.request({ method: "evm_setAutomine", params: [true] });
    }
    expect(await executions(deployed, proposalId)).to.equal(1);
    expect(await deployed.registry.isMember(deployed.others[0]!.address)).to.equal(true);
    const text = lines.slice(mark).join("\n");
    console.log(`      ${text.split("\n").filter((l) => /executing it|not executing|already executed/.test(l)).map((l) => l.replace(/ to admit .*?\)/, "")).join("\n      ")}`);
    expect(text).to.match(/executing it → tx 0x/);
    expect(text).to.match(/already executed by another member|not executing \(/);
    expect(text).to.not.match(/ERROR|WARN/);

    const before = await nonces(deployed);
    for (const agent of agents) await agent.runOnce();
    expect(await nonces(deployed)).to.deep.equal(before);
  });
});

function captureLogger(prefix: string, lines: string[]): AgentLogger {
  const push = (level: string) => (message: string) => lines.push(`[${prefix}]${level} ${message}`);
  return { info: push(""), warn: push(" WARN"), error: push(" ERROR") };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
