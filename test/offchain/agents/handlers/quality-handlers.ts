import { expect } from "chai";
import { writeFile } from "node:fs/promises";

import { network } from "hardhat";

import { participantPaths } from "../../../../offchain/chain/index.js";
import { lotIdOf, publishQualityPair, readQualityHistory } from "../../../../offchain/quality/index.js";
import { qualityAgents, type QualityAgents } from "../../../helpers/quality-agents.js";
import { TEST_KEY_BITS, setUpQualityWorld, type QualityActor, type QualityWorld } from "../../../helpers/quality-world.js";

const connection = await network.create();
const { ethers } = connection;

describe("offchain/agents quality handlers: owner, servicer and buyer agents finish the protocol alone", function () {
  this.timeout(60_000);
  let world: QualityWorld;
  let agents: QualityAgents;

  before(async () => {
    world = await setUpQualityWorld(connection);
    agents = qualityAgents(world, ethers.provider);
  });
  after(async () => {
    await agents?.stop();
    await world?.stop();
  });

  const startAgent = (actor: QualityActor, prefix: string) => agents.start(actor, prefix);
  const waitFor = (what: string, condition: () => Promise<boolean>, timeoutMs = 30_000) => agents.waitFor(what, condition, timeoutMs);

  it("B publishes; S offers, A buys, S delivers, A confirms and requests, B answers, A records; A restarted mid-way sends nothing twice", async () => {
    const { a, b, s } = world;
    const policy = (actor: QualityActor, content: object) => writeFile(participantPaths({ name: actor.participant.name, home: world.home }).policy, JSON.stringify(content));
    await policy(a, { followLots: ["lot-7"] });
    await policy(b, { disclose: "relation-and-index" });
    await policy(s, { xorPrice: "10000000000000000" });
    const nonceA = await ethers.provider.getTransactionCount(a.party.address);
    await startAgent(b, "[b]");
    await startAgent(s, "[s]");
    let agentA = await startAgent(a, "[a]");

    await publishQualityPair({
      party: b.party,
      channel: b.contracts.channel,
      vault: b.vault,
      lotId: lotIdOf("lot-7"),
      labelT: "week 18",
      labelT1: "week 19",
      x: 40n,
      y: 45n,
      bitLength: 8,
      servicer: s.party.address,
      keyBits: TEST_KEY_BITS,
      allowInsecureKeySize: true, // TEST ONLY
    });

    // Restart A's agent once its purchase is on chain (mid-protocol).
    await waitFor("A's escrow order", async () => (await a.contracts.escrow.orderCount()) >= 1n);
    await agentA.stop();
    agentA = await startAgent(a, "[a']");

    await waitFor("A's history entry", async () => (await readQualityHistory({ file: a.historyFile })).length === 1);
    const [entry] = await readQualityHistory({ file: a.historyFile });
    // X = 40 = 0b00101000, Y = 45 = 0b00101101: X < Y, highest differing bit 2, |X−Y| < 8.
    expect(entry).to.include({ relation: "X<Y", highestDifferingBit: 2, bound: "|X−Y| < 2^3", labelT: "week 18", labelT1: "week 19" });

    // Let every agent run a few more cycles: nothing more is sent.
    await agentA.stop();
    agentA = await startAgent(a, "[a'']");
    await new Promise((resolve) => setTimeout(resolve, 500));
    // openOrder, purchase, confirm, request: four transactions, none repeated.
    expect(await ethers.provider.getTransactionCount(a.party.address)).to.equal(nonceA + 4);
    expect(await a.contracts.escrow.orderCount()).to.equal(1n);
    expect(await a.contracts.board.requestCount()).to.equal(1n);
    expect(await a.contracts.market.offerCount()).to.equal(1n);
    expect(agents.lines.filter((l) => / WARN | ERROR /.test(l))).to.deep.equal([]);
  });
});
