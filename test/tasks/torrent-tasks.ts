import { expect } from "chai";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expectOneLineError, runTaskAsUser as run } from "../helpers/task-as-user.js";
import { Ballot__factory, ConsortiumRegistry__factory, TorrentLedger__factory, type Ballot, type ConsortiumRegistry, type TorrentLedger } from "../../types/ethers-contracts/index.js";
import { DevnetProcess, commandOf, descendants, sleep } from "../helpers/devnet-process.js";

/** carrier-f = Hardhat test account #6 (devnet's demo keys). */
const CARRIER_F = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
/** The other five demo participants: founders, each with its agent process and Helia node. */
const FOUNDERS = ["materials-a", "chemicals-b", "servicer-s", "auditor", "regulator"];

describe("tasks: torrent and audit option errors (before connecting)", function () {
  this.timeout(60_000);

  it("torrent:store, audit:vote, audit:retrieve, torrent:placement, torrent:deposit, torrent:propose-penalty and audit:record-missed name the bad or missing option", async function () {
    const home = await mkdtemp(path.join(tmpdir(), "sealedchain-torrent-options-"));
    try {
      const env = { ...process.env, SEALEDCHAIN_HOME: home };
      const [noFile, both, threshold, support, noOut, fileId] = await Promise.all([
        run(["torrent:store", "--participant", "carrier-f", "--chunks", "12"], env),
        run(["torrent:store", "--participant", "carrier-f", "--file", "x.bin", "--chunks", "12", "--chunk-size", "4096"], env),
        run(["torrent:store", "--participant", "carrier-f", "--file", "x.bin", "--threshold", "1"], env),
        run(["audit:vote", "--participant", "materials-a", "--audit", "1", "--support", "maybe"], env),
        run(["audit:retrieve", "--participant", "auditor", "--audit", "1"], env),
        run(["torrent:placement", "--participant", "carrier-f", "--file-id", "nothex"], env),
      ]);
      expectOneLineError(noFile, "--file is required: the file to store");
      expectOneLineError(both, "--chunks: expected either --chunks or --chunk-size, not both");
      expectOneLineError(threshold, `--threshold: expected shares needed to rebuild the key (k): an integer ≥ 2, got "1"`);
      expectOneLineError(support, `--support: expected true or false, got "maybe"`);
      expectOneLineError(noOut, "--out is required: where to write the rebuilt file");
      expectOneLineError(fileId, `--fileId: expected 0x and 64 hex digits, got "nothex"`);
      const [action, noAmount, offender, noReason, missedAudit] = await Promise.all([
        run(["torrent:deposit", "--participant", "carrier-f", "--action", "steal"], env),
        run(["torrent:deposit", "--participant", "carrier-f", "--action", "stake"], env),
        run(["torrent:propose-penalty", "--participant", "materials-a", "--offender", "carrier", "--amount", "1", "--beneficiary", CARRIER_F, "--reason", "r"], env),
        run(["torrent:propose-penalty", "--participant", "materials-a", "--offender", CARRIER_F, "--amount", "1", "--beneficiary", CARRIER_F], env),
        run(["audit:record-missed", "--participant", "materials-a", "--audit", "0"], env),
      ]);
      expectOneLineError(action, `--action: expected one of stake, request-unstake, withdraw-stake, withdraw-credit, got "steal"`);
      expectOneLineError(noAmount, "--amount is required: the amount in wei");
      expectOneLineError(offender, `--offender: expected a 0x address, got "carrier"`);
      expectOneLineError(noReason, "--reason is required");
      expectOneLineError(missedAudit, `--audit: expected the audit id: an integer ≥ 1, got "0"`);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});

/**
 * The torrent part end to end as a user runs it: `hardhat devnet` (hardhat node, the six demo
 * participants, each with its own agent process and Helia node) on a free port; every step a
 * task in its own process. The owner is carrier-f, admitted first (as test/tasks/devnet.ts
 * does): storing as a founder would leave carrier-f out and only four other members to hold
 * chunks and shares; with carrier-f admitted all six take part — carrier-f stores, the five
 * founders' agents pin chunks and confirm shares, four of them vote, their agents release,
 * the auditor retrieves — and carrier-f's agent (its node with it) is stopped before the
 * audit, so the file comes back without the owner.
 */
describe("tasks: torrent:store → audit:retrieve on devnet (six participants with their own agent and Helia node; owner stopped)", function () {
  this.timeout(240_000);
  const devnet = new DevnetProcess({ homePrefix: "sealedchain-torrent-tasks-" });
  const { output } = devnet;
  let registry: ConsortiumRegistry;
  let ballot: Ballot;
  let ledger: TorrentLedger;
  let file: string;
  let original: Buffer;
  let fileId: string;
  let auditId: string;
  const task = async (args: string[]) => {
    const started = Date.now();
    const result = await run([...args, "--network", "localhost"], devnet.env({ SEALEDCHAIN_HOME: devnet.home }));
    console.log(`      ${args[0]} ${args.includes("--participant") ? args[args.indexOf("--participant") + 1] : ""}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  const agentLines = (name: string, pattern: RegExp) => output.filter((l) => new RegExp(`^\\[${name}\\s*\\] `).test(l) && pattern.test(l));

  before(async function () {
    await devnet.start();
    const addresses = JSON.parse(await readFile(devnet.networkEnv["SEALEDCHAIN_DEPLOYMENT"]!, "utf8")) as Record<string, string>;
    const addressOf = (contract: string) => addresses[Object.keys(addresses).find((k) => k.endsWith(`#${contract}`))!]!;
    registry = ConsortiumRegistry__factory.connect(addressOf("ConsortiumRegistry"), devnet.provider);
    ballot = Ballot__factory.connect(addressOf("Ballot"), devnet.provider);
    ledger = TorrentLedger__factory.connect(addressOf("TorrentLedger"), devnet.provider);
    file = path.join(devnet.home, "cold-chain-log.bin");
    original = randomBytes(200_000);
    await writeFile(file, original);
  });

  after(async function () {
    if (devnet.child !== undefined && devnet.child.exitCode === null) {
      devnet.child.kill("SIGINT"); // stops its agents and the node (SIGKILL would orphan them)
      await Promise.race([devnet.exited, sleep(20_000)]);
    }
    await devnet.cleanup();
  });

  it("six participants run an agent with its own storage node; carrier-f is admitted by the founders' agents", async function () {
    for (const name of [...FOUNDERS, "carrier-f"]) {
      await devnet.waitForLine(new RegExp(`^\\[${name}\\s*\\] .*storage node \\S+ listening on /ip4/127\\.0\\.0\\.1/tcp/[1-9]`), 5_000);
    }
    const published = async (account: string) => {
      const { multiaddrs } = (await registry.member(account)).profile;
      return multiaddrs.length === 1 && /^\/ip4\/127\.0\.0\.1\/tcp\/[1-9][0-9]*\/p2p\//.test(multiaddrs[0]!);
    };
    await devnet.waitFor("founders' endpoints on chain", async () => (await Promise.all((await registry.members()).map(published))).every(Boolean), 15_000);
    const propose = await task(["consortium:propose-member", "--participant", "materials-a", "--candidate", "carrier-f"]);
    expect(propose.code, propose.text).to.equal(0);
    await devnet.waitFor("carrier-f admitted", () => registry.isMember(CARRIER_F), 30_000);
    await devnet.waitFor("carrier-f's endpoints on chain", () => published(CARRIER_F), 15_000);
    expect(await registry.members()).to.have.length(6);
  });

  it("torrent:store as carrier-f: 200 kB in 12 chunks, each on 3 of the 5 other members; 5 holders confirm their key shares", async function () {
    const store = await task(["torrent:store", "--participant", "carrier-f", "--file", file, "--chunks", "12", "--wait", "60"]);
    expect(store.code, store.text).to.equal(0);
    const match = /^stored .* as file (0x[0-9a-f]{64})$/m.exec(store.text);
    expect(match, store.text).to.not.equal(null);
    fileId = match![1]!;
    expect(store.text).to.match(/^ {2}200000 B in 12 encrypted chunk\(s\), each on 3 of 5 members; SHA-256 0x[0-9a-f]{64}$/m);
    expect(store.text).to.match(/^ {2}key split 3-of-5 among /m);
    const record = await ledger.file(fileId);
    expect(record.status).to.equal(2n); // Registered
    for (let index = 1; index <= 5; index++) expect(await ledger.isShareAcknowledged(fileId, index)).to.equal(true);
    // Each founder's agent (not carrier-f's) pinned chunks and confirmed its key share.
    for (const name of FOUNDERS) {
      await devnet.waitForLine(new RegExp(`^\\[${name}\\s*\\] .*torrent file ${fileId}: key share \\d+ verified against the on-chain root`), 5_000);
    }
    const chunkOwners = (await ledger.chunkOwners(fileId)).length;
    expect(FOUNDERS.filter((name) => agentLines(name, new RegExp(`torrent file ${fileId}: pinned and checked \\d+ chunk`)).length === 1)).to.have.length(chunkOwners);
    expect(output.join("\n")).to.not.match(/ WARN | ERROR /);
  });

  it("torrent:list shows the file Registered; torrent:placement prints every chunk with ✓ recomputed", async function () {
    const [list, placement] = await Promise.all([task(["torrent:list"]), task(["torrent:placement", "--participant", "carrier-f", "--file-id", fileId])]);
    expect(list.code, list.text).to.equal(0);
    expect(list.text).to.include(`- ${fileId} (Registered) owner ${CARRIER_F}, 12 chunk(s)`);
    expect(list.text).to.match(/^ {4}key 3-of-5: /m);
    expect(list.text).to.not.match(/not acknowledged/);
    expect(placement.code, placement.text).to.equal(0);
    const chunkLines = placement.lines.filter((l) => /^ {2}chunk +\d+ /.test(l));
    expect(chunkLines, placement.text).to.have.length(12);
    for (const line of chunkLines) expect(line).to.match(/ → [^,]+, [^,]+, [^,]+  ✓ recomputed$/);
    expect(placement.text).to.not.match(/✗|not held locally/);
  });

  it("carrier-f's agent (and with it its storage node) stops on SIGTERM", async function () {
    const pid = descendants(devnet.child!.pid!).find((p) => /hardhat agent --participant carrier-f/.test(commandOf(p)));
    expect(pid, "carrier-f's agent process").to.be.a("number");
    process.kill(pid!, "SIGTERM");
    await devnet.waitForLine(/^\[carrier-f\s*\] agent exited \(code 0\)$/, 15_000);
  });

  it("audit:request by the auditor; the agents do not vote, four members vote with audit:vote and the last one executes", async function () {
    const request = await task(["audit:request", "--participant", "auditor", "--file-id", fileId, "--reason", "temperature excursion claim on lot 42"]);
    expect(request.code, request.text).to.equal(0);
    const match = new RegExp(`^audit (\\d+) requested for file ${fileId} → tx 0x`, "m").exec(request.text);
    expect(match, request.text).to.not.equal(null);
    auditId = match![1]!;
    await sleep(1_500); // several agent polls: none of them votes on an audit
    const proposal = await ballot.proposal((await ledger.audit(auditId)).proposalId);
    expect([proposal.forVotes, proposal.againstVotes, proposal.quorumVotes, proposal.eligibleVoters]).to.deep.equal([0n, 0n, 3n, 6n]);
    // 4 of 6 are a majority: three votes in parallel leave it Active, the fourth executes it.
    const first = await Promise.all(["materials-a", "chemicals-b", "servicer-s"].map((name) => task(["audit:vote", "--participant", name, "--audit", auditId, "--support", "true"])));
    for (const vote of first) {
      expect(vote.code, vote.text).to.equal(0);
      expect(vote.text).to.match(new RegExp(`voted FOR audit ${auditId}`));
      expect(vote.text).to.match(/vote is Active/);
    }
    const last = await task(["audit:vote", "--participant", "regulator", "--audit", auditId, "--support", "true", "--note", "needed for the claim"]);
    expect(last.code, last.text).to.equal(0);
    expect(last.text).to.include("vote is Executed: executed, the audit is approved");
  });

  it("the holders' agents release their shares; audit:status shows 5 of 5 released", async function () {
    await devnet.waitFor("5 released shares", async () => Number((await ledger.audit(auditId)).releasedCount) === 5, 30_000);
    for (const name of FOUNDERS) await devnet.waitForLine(new RegExp(`^\\[${name}\\s*\\] .*audit ${auditId} approved: released key share\\(s\\) \\d+ to auditor `), 5_000);
    const status = await task(["audit:status", "--audit", auditId]);
    expect(status.code, status.text).to.equal(0);
    expect(status.text).to.match(/^ {2}vote: Executed, 4 for \/ 0 against, quorum 3 of 6$/m);
    expect(status.text).to.match(/^ {2}shares released: 5 of 5 \(3 needed\)$/m);
    expect(status.lines.filter((l) => /^ {4}share \d \S+: released$/.test(l))).to.have.length(5);
  });

  it("audit:retrieve rebuilds the file byte for byte without carrier-f; the auditor's placement check agrees", async function () {
    const target = path.join(devnet.home, "rebuilt.bin");
    const retrieve = await task(["audit:retrieve", "--participant", "auditor", "--audit", auditId, "--out", target]);
    expect(retrieve.code, retrieve.text).to.equal(0);
    expect(retrieve.text).to.include(`rebuilt file ${fileId} → ${target} (200000 B, SHA-256 matches the chain) from 5 key share(s)`);
    expect(retrieve.text).to.include("chunk placement matches three-hash sharding over the announced members");
    expect(retrieve.text).to.not.match(/fell back|recorded the owners/);
    expect(Buffer.compare(await readFile(target), original)).to.equal(0);
    expect(existsSync(`${target}.partial`)).to.equal(false);
    const placement = await task(["torrent:placement", "--participant", "auditor", "--file-id", fileId]);
    expect(placement.code, placement.text).to.equal(0);
    const recomputed = placement.lines.filter((l) => / {2}[✓✗] recomputed|✗ recomputation/.test(l));
    expect(recomputed.length, placement.text).to.be.above(0);
    for (const line of recomputed) expect(line).to.match(/✓ recomputed$/);
    expect(output.join("\n")).to.not.match(/ WARN | ERROR /);
  });

  it("torrent:store with a file that does not exist fails with one line naming the file", async function () {
    const missing = path.join(devnet.home, "no-such-file.bin");
    const result = await run(["torrent:store", "--participant", "materials-a", "--file", missing, "--network", "localhost"], devnet.env({ SEALEDCHAIN_HOME: devnet.home }));
    expectOneLineError(result, `TorrentParameterError: file: ${missing} cannot be read`);
  });
});
