import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { network } from "hardhat";

import { DEMO_SCRYPT, createParticipant, deriveDemoParticipant, loadParticipant } from "../../../../offchain/chain/index.js";
import { createParticipantAgent, type AgentLogger } from "../../../../offchain/agents/index.js";
import { deployConsortium, makeProfile } from "../../../helpers/consortium.js";

const connection = await network.create();
const { ethers } = connection;

describe("offchain/agents endpoints handler", function () {
  this.timeout(60_000);
  let home: string;
  const lines: string[] = [];
  const logger: AgentLogger = { info: (m) => lines.push(m), warn: (m) => lines.push(`WARN ${m}`), error: (m) => lines.push(`ERROR ${m}`) };

  before(async () => {
    home = await mkdtemp(path.join(tmpdir(), "sealedchain-endpoints-"));
  });
  after(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it("publishes where the storage node listens once, only when it differs, and after admission", async () => {
    const deployed = await deployConsortium(connection, { founders: 2 });
    const addresses: Record<string, string> = { Ballot: await deployed.ballot.getAddress(), ConsortiumRegistry: await deployed.registry.getAddress() };
    const agentFor = async (i: number, multiaddrs: string[]) => {
      const name = `p-${i}`;
      await createParticipant({ name, home, password: "pw", keys: await deriveDemoParticipant(i), scrypt: DEMO_SCRYPT }).catch(() => undefined);
      const participant = await loadParticipant({ name, home, password: "pw" });
      return createParticipantAgent({
        participant,
        provider: ethers.provider,
        deployment: { startBlock: 0, address: (n: string) => addresses[n]! },
        home,
        logger,
        endpoints: { peerId: participant.profile.peerId, multiaddrs },
      });
    };
    const founder = deployed.founders[0]!;
    const here = [`/ip4/127.0.0.1/tcp/40001/p2p/peer-0`];
    const nonce = () => ethers.provider.getTransactionCount(founder.address);

    const n0 = await nonce();
    await (await agentFor(0, here)).runOnce();
    expect((await deployed.registry.member(founder.address)).profile.multiaddrs).to.deep.equal(here);
    expect(await nonce()).to.equal(n0 + 1);
    await (await agentFor(0, here)).runOnce(); // restart, same address: nothing sent
    expect(await nonce()).to.equal(n0 + 1);
    const moved = [`/ip4/127.0.0.1/tcp/40002/p2p/peer-0`];
    await (await agentFor(0, moved)).runOnce(); // restart on another port: published again
    expect((await deployed.registry.member(founder.address)).profile.multiaddrs).to.deep.equal(moved);
    expect(await nonce()).to.equal(n0 + 2);

    // A candidate publishes nothing until it is admitted, then on the next poll.
    const candidate = deployed.others[0]!; // = Hardhat account #2
    const candidateAgent = await agentFor(2, [`/ip4/127.0.0.1/tcp/40003/p2p/peer-2`]);
    await candidateAgent.runOnce();
    expect(await ethers.provider.getTransactionCount(candidate.address)).to.equal(0);
    const { profile } = makeProfile("Candidate");
    await (await deployed.registry.connect(founder).proposeMember(candidate.address, { ...profile, multiaddrs: [] })).wait();
    const proposalId = await deployed.ballot.proposalCount();
    for (const signer of deployed.founders) await (await deployed.ballot.connect(signer).castVote(proposalId, true)).wait();
    await (await deployed.ballot.execute(proposalId)).wait();
    await candidateAgent.runOnce();
    expect((await deployed.registry.member(candidate.address)).profile.multiaddrs).to.deep.equal([`/ip4/127.0.0.1/tcp/40003/p2p/peer-2`]);
    expect(lines.join("\n")).to.not.match(/WARN|ERROR/);
  });
});
