import { expect } from "chai";
import { appendFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import type { AgentRuntime } from "../../../../offchain/agents/index.js";
import { participantPaths } from "../../../../offchain/chain/index.js";
import { decrypt } from "../../../../offchain/crypto/index.js";
import { loadPairSecrets, lotIdOf, publishQualityPair, readPublicPair } from "../../../../offchain/quality/index.js";
import { qualityAgents, type QualityAgents } from "../../../helpers/quality-agents.js";
import { TEST_KEY_BITS, setUpQualityWorld, type QualityWorld } from "../../../helpers/quality-world.js";

const connection = await network.create();
const { ethers } = connection;

describe("offchain/agents quality-source handler: B's agent publishes each new (t, t+1) pair of its data", function () {
  this.timeout(120_000);
  let world: QualityWorld;
  let csvFile: string;
  let agents: QualityAgents;
  const lotId = lotIdOf("resin-117");

  before(async () => {
    world = await setUpQualityWorld(connection);
    agents = qualityAgents(world, ethers.provider);
    const paths = participantPaths({ name: world.b.participant.name, home: world.home });
    csvFile = path.join(paths.directory, "quality.csv");
    await writeFile(
      paths.policy,
      JSON.stringify({
        qualitySource: { csv: "quality.csv" },
        qualityLot: "resin-117",
        qualityServicer: world.s.party.address,
        qualityBitLength: 16,
        qualityKeyBits: TEST_KEY_BITS, // TEST ONLY, with allowInsecureKeySize below
      }),
    );
  });
  after(async () => {
    await agents?.stop();
    await world?.stop();
  });

  const startAgentB = (prefix: string) => agents.start(world.b, prefix);
  const waitFor = (what: string, condition: () => Promise<boolean>, timeoutMs = 60_000) => agents.waitFor(what, condition, timeoutMs);
  const lines = (): string[] => agents.lines;
  const pairCount = async () => {
    try {
      return (await world.b.contracts.channel.lot(lotId)).pairCount;
    } catch {
      return 0n; // not registered yet
    }
  };
  /** "t → t1" of every pair of the lot, in order. */
  const pairLabels = async (): Promise<string[]> => {
    const labels: string[] = [];
    for (let i = 1n; i <= (await pairCount()); i++) {
      const pair = await world.b.contracts.channel.pair(await world.b.contracts.channel.lotPair(lotId, i));
      labels.push(`${pair.params.labelT} → ${pair.params.labelT1}`);
    }
    return labels;
  };
  const allPosted = async (): Promise<boolean> => {
    for (let i = 1n; i <= (await pairCount()); i++) {
      if (!(await world.b.contracts.channel.hasXorPost(await world.b.contracts.channel.lotPair(lotId, i), world.s.party.address))) return false;
    }
    return true;
  };
  /** B's (x, y) of the lot's pair #index, decrypted with the key from B's vault. */
  const pairValues = async (index: bigint): Promise<[bigint, bigint]> => {
    const { b } = world;
    const pairId = await b.contracts.channel.lotPair(lotId, index);
    const { bundle, publicKeyHash } = await readPublicPair({ party: b.party, channel: b.contracts.channel, pairId });
    const { privateKey } = await loadPairSecrets({ vault: b.vault, pairId, publicKeyHash, allowInsecureKeySize: true });
    const value = (bits: readonly bigint[]) => bits.reduce((sum, c, i) => sum + (decrypt({ privateKey, c }) << BigInt(i)), 0n);
    return [value(bundle.ex), value(bundle.ey)];
  };
  /** Lets the agent run several more poll cycles. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 800));

  let agent: AgentRuntime;

  it("publishes the 2 pairs of a CSV with 3 readings, XOR data posted to the policy's servicer", async () => {
    await writeFile(csvFile, "label,value\nweek 46,41357\nweek 47,41502\nweek 48,41230\n");
    agent = await startAgentB("[b]");
    await waitFor("2 pairs", async () => (await pairCount()) === 2n);
    await settle();
    expect(await pairLabels()).to.deep.equal(["week 46 → week 47", "week 47 → week 48"]);
    expect(await pairValues(1n)).to.deep.equal([41357n, 41502n]);
    expect(await pairValues(2n)).to.deep.equal([41502n, 41230n]);
    expect(await allPosted()).to.equal(true);
    const lot = await world.b.contracts.channel.lot(lotId);
    expect(lot.owner).to.equal(world.b.party.address);
    expect(lot.description).to.equal("resin-117");
  });

  it("publishes the 3rd pair when a 4th line is appended", async () => {
    await appendFile(csvFile, "week 49,41600\n");
    await waitFor("3 pairs", async () => (await pairCount()) === 3n);
    await settle();
    expect(await pairLabels()).to.deep.equal(["week 46 → week 47", "week 47 → week 48", "week 48 → week 49"]);
    expect(await allPosted()).to.equal(true);
  });

  it("a restarted agent publishes nothing new", async () => {
    await agent.stop();
    const nonce = await ethers.provider.getTransactionCount(world.b.party.address);
    agent = await startAgentB("[b']");
    await waitFor("the restarted agent's policy line", async () => lines().some((l) => l.startsWith("[b'] quality: publishing each new pair")));
    await settle();
    expect(await ethers.provider.getTransactionCount(world.b.party.address)).to.equal(nonce);
    expect(await pairCount()).to.equal(3n);
  });

  it("a malformed line is logged as an ERROR naming its line, retried every tick, and published once fixed", async () => {
    await appendFile(csvFile, "week 50;41800\n");
    await waitFor("the error line", async () => lines().some((l) => l.includes("ERROR") && l.includes("quality.csv line 6:")));
    await settle();
    expect(await pairCount()).to.equal(3n);
    // Replaced atomically, as an editor saves: an in-place rewrite could be read truncated and log a second, different error.
    await writeFile(`${csvFile}.tmp`, "label,value\nweek 46,41357\nweek 47,41502\nweek 48,41230\nweek 49,41600\nweek 50,41800\n");
    await rename(`${csvFile}.tmp`, csvFile);
    await waitFor("4 pairs", async () => (await pairCount()) === 4n);
    expect((await pairLabels()).at(-1)).to.equal("week 49 → week 50");
    expect(lines().filter((l) => l.includes("ERROR"))).to.have.length(1); // logged once, not every tick
  });

  it("after a crash between publishPair and the rest (key still pending, no XOR post), posts the XOR data and publishes only what is new", async () => {
    await agent.stop();
    await appendFile(csvFile, "week 51,41700\n");
    const { b, s } = world;
    // The crash: publishQualityPair stops right after publishPair (vault.assign never runs).
    const crashingVault = {
      ...b.vault,
      assign: async () => {
        throw new Error("simulated crash");
      },
    };
    let crashed: unknown;
    try {
      await publishQualityPair({
        party: b.party,
        channel: b.contracts.channel,
        vault: crashingVault,
        lotId,
        labelT: "week 50",
        labelT1: "week 51",
        x: 41800n,
        y: 41700n,
        bitLength: 16,
        servicer: s.party.address,
        keyBits: TEST_KEY_BITS,
        allowInsecureKeySize: true, // TEST ONLY
      });
    } catch (error) {
      crashed = error;
    }
    expect((crashed as Error).message).to.equal("simulated crash");
    expect(await pairCount()).to.equal(5n);
    expect(await allPosted()).to.equal(false);

    await appendFile(csvFile, "week 52,41650\n");
    agent = await startAgentB("[b'']");
    await waitFor("6 pairs", async () => (await pairCount()) === 6n);
    await settle();
    expect(await pairLabels()).to.deep.equal([
      "week 46 → week 47",
      "week 47 → week 48",
      "week 48 → week 49",
      "week 49 → week 50",
      "week 50 → week 51",
      "week 51 → week 52",
    ]);
    expect(await allPosted()).to.equal(true);
    expect(await pairValues(6n)).to.deep.equal([41700n, 41650n]);
    expect(lines().some((l) => l.startsWith("[b''] quality lot resin-117: pair 5 had no XOR post"))).to.equal(true);
    expect(lines().filter((l) => / WARN /.test(l))).to.deep.equal([]);
  });
});
