import { expect } from "chai";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { network } from "hardhat";

import {
  DEMO_SCRYPT,
  createParticipant,
  deriveDemoParticipant,
  loadParticipant,
  participantPaths,
  type Participant,
} from "../../../offchain/chain/index.js";
import { createParticipantAgent, type AgentHandler, type AgentLogger } from "../../../offchain/agents/index.js";
import { deployConsortium, makeProfile } from "../../helpers/consortium.js";

const connection = await network.create();
const { ethers } = connection;

function captureLogger(prefix: string, lines: string[]): AgentLogger {
  const push = (level: string) => (message: string) => lines.push(`[${prefix}]${level} ${message}`);
  return { info: push(""), warn: push(" WARN"), error: push(" ERROR") };
}

describe("offchain/agents runtime (in-process chain)", function () {
  this.timeout(120_000);
  let home: string;
  let participants: Participant[];
  let deployed: Awaited<ReturnType<typeof deployConsortium>>;
  const lines: string[] = [];
  const deployment = { startBlock: 0, address: (name: string) => addresses[name]! };
  const addresses: Record<string, string> = {};

  const agentFor = (i: number, extraHandlers: AgentHandler[] = []) =>
    createParticipantAgent({
      participant: participants[i]!,
      provider: ethers.provider,
      deployment,
      home,
      logger: captureLogger(participants[i]!.name, lines),
      extraHandlers,
    });
  const nonces = () => Promise.all(participants.map((p) => ethers.provider.getTransactionCount(p.wallet.address)));
  const voteCount = async () => (await deployed.ballot.queryFilter(deployed.ballot.filters.VoteCast())).length;

  before(async () => {
    home = await mkdtemp(path.join(tmpdir(), "sealedchain-agents-"));
    deployed = await deployConsortium(connection, { founders: 3 });
    addresses["Ballot"] = await deployed.ballot.getAddress();
    addresses["ConsortiumRegistry"] = await deployed.registry.getAddress();
    participants = [];
    for (let i = 0; i < 3; i++) {
      const name = `founder-${i}`;
      const keys = await deriveDemoParticipant(i); // = Hardhat signer #i, i.e. founder i
      await createParticipant({ name, home, password: "pw", keys, scrypt: DEMO_SCRYPT });
      await writeFile(participantPaths({ name, home }).policy, JSON.stringify({ admission: "approve-all" }));
      participants.push(await loadParticipant({ name, home, password: "pw" }));
      expect(participants[i]!.wallet.address).to.equal(deployed.founders[i]!.address);
    }
  });
  after(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it("member agents with approve-all admit a candidate by voting automatically", async () => {
    const candidate = deployed.others[0]!;
    await (await deployed.registry.connect(deployed.founders[0]!).proposeMember(candidate.address, makeProfile("Carrier F").profile)).wait();
    for (let i = 0; i < 3; i++) await (await agentFor(i)).runOnce();
    expect(await deployed.registry.isMember(candidate.address)).to.equal(true);
    expect(await voteCount()).to.equal(2); // quorum 2 of 3 reached → executed → the third agent sees it closed
    const joined = lines.join("\n");
    expect(joined).to.match(/\[founder-0\] proposal #1 to admit 'Carrier F' \(0x[0-9a-fA-F]{40}\): voting FOR per policy admission=approve-all → tx 0x/);
    expect(joined).to.match(/\[founder-1\] proposal #1 to admit 'Carrier F'.*succeeded \(2 for \/ 0 against, quorum 2\): executing it → tx 0x/);
    expect(joined).to.match(/\[founder-2\] proposal #1 .*: not voting, proposal is Executed/);
  });

  it("restarting from the cursor, or replaying from scratch, sends no duplicate transaction", async () => {
    const beforeNonces = await nonces();
    const beforeVotes = await voteCount();
    for (let i = 0; i < 3; i++) await (await agentFor(i)).runOnce(); // restart from cursor
    for (let i = 0; i < 3; i++) await rm(participantPaths({ name: participants[i]!.name, home }).cursor);
    const started = Date.now();
    for (let i = 0; i < 3; i++) await (await agentFor(i)).runOnce(); // replay everything
    console.log(`      3 agents replayed the whole history in ${Date.now() - started} ms`);
    expect(await nonces()).to.deep.equal(beforeNonces);
    expect(await voteCount()).to.equal(beforeVotes);
  });

  it("a crash between the vote transaction and the cursor write sends no duplicate", async () => {
    const candidate = deployed.others[1]!;
    await (await deployed.registry.connect(deployed.founders[0]!).proposeMember(candidate.address, makeProfile("Carrier G").profile)).wait();
    const cursorFile = participantPaths({ name: participants[1]!.name, home }).cursor;
    const cursorBefore = await readFile(cursorFile, "utf8");
    const crash: AgentHandler = {
      name: "crash",
      events: ["ballot.ProposalCreated"],
      async handle() {
        throw Object.assign(new Error("simulated crash after the vote was mined"), { code: "ECONNRESET" });
      },
    };
    const nonceBefore = await ethers.provider.getTransactionCount(participants[1]!.wallet.address);
    const error = await (await agentFor(1, [crash])).runOnce().catch((e: unknown) => e);
    expect((error as Error).message).to.include("simulated crash");
    expect(await ethers.provider.getTransactionCount(participants[1]!.wallet.address)).to.equal(nonceBefore + 1); // the vote went out
    expect(await readFile(cursorFile, "utf8")).to.equal(cursorBefore); // …but the cursor did not move

    await (await agentFor(1)).runOnce(); // the restart replays ProposalCreated #2
    expect(await ethers.provider.getTransactionCount(participants[1]!.wallet.address)).to.equal(nonceBefore + 1);
    expect(lines.join("\n")).to.match(/\[founder-1\] proposal #2 to admit 'Carrier G' .*: already voted, nothing to do/);
    const votes = await deployed.ballot.queryFilter(deployed.ballot.filters.VoteCast(2n));
    expect(votes.map((v) => v.args.voter)).to.deep.equal([participants[1]!.wallet.address]);

    // 4 eligible voters now (Carrier F joined): early success needs 3 "for" votes.
    await (await agentFor(0)).runOnce();
    await (await agentFor(2)).runOnce();
    expect(await deployed.registry.isMember(candidate.address)).to.equal(true);
  });

  it("follows a manual policy by only logging", async () => {
    await writeFile(participantPaths({ name: participants[2]!.name, home }).policy, JSON.stringify({ admission: "manual" }));
    const candidate = deployed.others[2]!;
    await (await deployed.registry.connect(deployed.founders[0]!).proposeMember(candidate.address, makeProfile("Carrier H").profile)).wait();
    const nonce = await ethers.provider.getTransactionCount(participants[2]!.wallet.address);
    await (await agentFor(2)).runOnce();
    expect(await ethers.provider.getTransactionCount(participants[2]!.wallet.address)).to.equal(nonce);
    expect(lines.join("\n")).to.match(/\[founder-2\] proposal #3 to admit 'Carrier H' .*: not voting \(policy admission=manual\)/);
  });
});
