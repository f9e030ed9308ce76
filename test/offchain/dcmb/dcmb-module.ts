import { expect } from "chai";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import PlatformModule from "../../../ignition/modules/Platform.js";
import { createParticipantAgent, type AgentLogger } from "../../../offchain/agents/index.js";
import { connectDcmb } from "../../../offchain/chain/index.js";
import { DCMB_MODULE, ModuleNotCertifiedError, hashModuleArtifact, voteOnModuleVersion } from "../../../offchain/dcmb/certification/index.js";
import { generateSalt } from "../../../offchain/dcmb/index.js";
import { setUpTorrentWorld, type TorrentWorld } from "../../helpers/torrent-world.js";

const connection = await network.create();
const projectRoot = path.resolve(import.meta.dirname, "../../..");
const OWNER = "materials-a"; // sender
const MAKER = "chemicals-b"; // receiver
const LOG_CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
const RULES = [
  { min: 5300, max: 5400, label: "maintenance imminent", severity: 4 },
  { min: 5400, max: 1_000_000, label: "maintenance overdue", severity: 5 },
];
/** TEST ONLY: light Argon2. */
const ARGON2 = { memoryKiB: 1024, iterations: 1, parallelism: 1 };

/**
 * The DCMB module as an agent role (createParticipantAgent's `dcmb` option): refused while
 * this checkout's artifact is not certified, runs once a VALIDATOR certified it, refused again
 * once the certification is revoked.
 */
describe("offchain/dcmb/module: the DCMB module as an agent role, gated by its certification on chain", function () {
  this.timeout(120_000);
  let world: TorrentWorld;
  let artifactHash: string;
  let csv: string;

  const logger = (prefix: string): AgentLogger => ({
    info: (m) => world.lines.push(`[${prefix}] ${m}`),
    warn: (m) => world.lines.push(`[${prefix}] WARN ${m}`),
    error: (m) => world.lines.push(`[${prefix}] ERROR ${m}`),
  });
  /** An in-process agent with the DCMB role, as `hardhat agent` creates it. */
  const createDcmbAgent = (name: string) => {
    const actor = world.actors[name]!;
    return createParticipantAgent({
      participant: actor.participant,
      provider: connection.ethers.provider,
      deployment: world.deployment,
      home: world.home,
      logger: logger(name),
      pollIntervalMs: 50,
      endpoints: { peerId: actor.store.peerId, multiaddrs: actor.store.multiaddrs },
      dcmb: { store: actor.store, projectRoot },
    });
  };
  const startDcmbAgent = async (name: string) => {
    const agent = await createDcmbAgent(name);
    world.actors[name]!.agent = agent; // world.stop() stops it
    agent.start();
  };
  const certification = (name: string) => connectDcmb({ deployment: world.deployment, runner: world.actors[name]!.party.signer }).certification;
  const regulatorVotes = async () => {
    const regulator = world.actors["regulator"]!;
    return voteOnModuleVersion({ certification: certification("regulator"), ballot: regulator.ballot, voter: regulator.party.address, versionId: 1n, support: true, logCid: LOG_CID });
  };
  const rejection = async (promise: Promise<unknown>): Promise<ModuleNotCertifiedError> => {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(ModuleNotCertifiedError);
      return error as ModuleNotCertifiedError;
    }
    return expect.fail("expected ModuleNotCertifiedError");
  };

  before(async function () {
    world = await setUpTorrentWorld(connection, undefined, PlatformModule);
    ({ artifactHash } = await hashModuleArtifact({ projectRoot }));
    const owner = world.actors[OWNER]!;
    const maker = world.actors[MAKER]!;
    const conditionSalt = "0x" + Buffer.from(generateSalt()).toString("hex");
    csv = path.join(owner.participant.directory, "counter.csv");
    await writeFile(csv, "time,value\n");
    await writeFile(
      path.join(maker.participant.directory, "dcmb.json"),
      JSON.stringify({ role: "receiver", senders: [owner.party.address], rules: RULES, conditionSalt, argon2: ARGON2, expected: [{ value: "5367", action: "schedule the service visit" }] }),
    );
    await writeFile(
      path.join(owner.participant.directory, "dcmb.json"),
      JSON.stringify({ role: "sender", receiver: maker.party.address, name: "work-pieces", source: { csv: "counter.csv" }, intervalSeconds: 2, rules: RULES, conditionSalt, argon2: ARGON2 }),
    );
  });

  afterEach(function () {
    if (this.currentTest?.state === "failed") console.log(world.lines.join("\n"));
  });

  after(async function () {
    await world?.stop();
  });

  it("not certified: creating either agent throws ModuleNotCertifiedError naming the artifact hash and what to run", async function () {
    for (const name of [MAKER, OWNER]) {
      const error = await rejection(createDcmbAgent(name));
      expect(error.reason).to.equal("unknown");
      expect(error.artifactHash).to.equal(artifactHash);
      expect(error.message).to.include(`artifact ${artifactHash} is unknown`).and.include("cert:propose --participant <member> --module-version <version>").and.include("cert:vote");
    }
  });

  it("proposed by a member, certified by the regulator's vote: the sender's readings reach the receiver's inbox and 5367 notifies it", async function () {
    const { sourceHash } = await hashModuleArtifact({ projectRoot });
    await (await certification(OWNER).proposeModule(DCMB_MODULE.id, "1.0.0", sourceHash, artifactHash, LOG_CID)).wait();
    const proposed = await rejection(createDcmbAgent(MAKER)); // proposed is not certified
    expect(proposed.reason).to.equal("proposed");
    expect(proposed.message).to.include("only proposed as version 1 (1.0.0)");
    const vote = await regulatorVotes();
    expect(vote).to.include({ kind: "certification", voted: true, executed: true, state: "Executed" });
    expect(await certification(OWNER).isCertified(artifactHash)).to.equal(true);

    await startDcmbAgent(MAKER);
    await startDcmbAgent(OWNER);
    const owner = world.actors[OWNER]!.party.address;
    expect(world.lines.filter((l) => l.includes(`DCMB module artifact ${artifactHash} is certified on chain (version #1)`))).to.have.length(2);
    const now = Date.now();
    await appendFile(csv, `${now},5290\n${now + 1},5367\n${now + 2},5372\n`);
    const inbox = path.join(world.actors[MAKER]!.participant.directory, "dcmb", "receiver", "inbox", `${owner}.jsonl`);
    const values = async () => (await readFile(inbox, "utf8").catch(() => "")).trim().split("\n").filter((l) => l !== "").map((l) => (JSON.parse(l) as { value: string }).value);
    await world.waitFor("the three readings in the receiver's inbox", async () => (await values()).length === 3, 30_000);
    expect(await values()).to.deep.equal(["5290", "5367", "5372"]);
    await world.waitFor("the receiver's notification", async () => world.lines.some((l) => new RegExp(`^\\[${MAKER}\\] NOTIFICATION from ${owner}: condition #\\d+ \\(severity 4\\) matched$`).test(l)), 15_000);
    expect(world.lines.filter((l) => l.startsWith(`[${MAKER}] NOTIFICATION`))).to.have.length(1); // one post per label start, not per reading
    expect(world.lines.some((l) => l.includes(`[${MAKER}] reading work-pieces = an expected value: action "schedule the service visit"`))).to.equal(true);
    const { auditTrail } = connectDcmb({ deployment: world.deployment, runner: connection.ethers.provider });
    await world.waitFor("batch 1 acknowledged", async () => (await auditTrail.batch(owner, world.actors[MAKER]!.party.address, 1)).acknowledgedAt !== 0n, 10_000);
    expect((await auditTrail.batch(owner, world.actors[MAKER]!.party.address, 1)).messageCount).to.equal(3n);
    expect(world.lines.join("\n")).to.not.match(/ WARN | ERROR /);
  });

  it("revoked by vote: creating the agent again throws ModuleNotCertifiedError saying it was revoked", async function () {
    await world.stopAgent(OWNER);
    await world.stopAgent(MAKER);
    await (await certification("servicer-s").proposeRevocation(1n, "a test revokes it")).wait();
    const vote = await regulatorVotes();
    expect(vote).to.include({ kind: "revocation", voted: true, executed: true, state: "Executed" });
    expect(await certification(OWNER).isCertified(artifactHash)).to.equal(false);
    for (const name of [MAKER, OWNER]) {
      const error = await rejection(createDcmbAgent(name));
      expect(error.reason).to.equal("revoked");
      expect(error.message).to.include(`artifact ${artifactHash} was certified as version 1 (1.0.0) but revoked at `).and.include("cert:propose");
    }
  });
});
