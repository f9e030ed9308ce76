import { expect } from "chai";
import type { ChildProcess } from "node:child_process";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { spawnHardhat, stopChild } from "../../tasks/helpers/spawn-hardhat.js";
import { ConsortiumRegistry__factory, DcmbAuditTrail__factory, type ConsortiumRegistry, type DcmbAuditTrail } from "../../types/ethers-contracts/index.js";
import { DevnetProcess, commandOf, descendants, projectRoot, sleep } from "../helpers/devnet-process.js";

/** Hardhat test accounts #1, #2 (devnet's demo keys). */
const MATERIALS_A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const CHEMICALS_B = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const RULES = [
  { min: 5300, max: 5400, label: "maintenance imminent", severity: 4 },
  { min: 5400, max: 1_000_000, label: "maintenance overdue", severity: 5 },
];

type Run = { code: number | null; lines: string[]; text: string };

/**
 * The DCMB part end to end as a user runs it: `hardhat devnet` (hardhat node, six demo
 * participants with their agent processes) on a free port; the regulator (VALIDATOR)
 * validates, materials-a proposes, the regulator's vote certifies; then materials-a's and
 * chemicals-b's devnet agents are stopped and replaced by `dcmb:sender` and `dcmb:receiver`
 * processes (each is the participant's agent with its DCMB role, its own storage node, and
 * publishes its new endpoints on chain, which is where the sender delivers). Every step a task
 * in its own process.
 */
describe("tasks: cert:* and dcmb:* on devnet (materials-a streams work-piece counts to chemicals-b)", function () {
  this.timeout(240_000);
  const devnet = new DevnetProcess({ homePrefix: "sealedchain-dcmb-tasks-", moreLog: () => ["--- dcmb:receiver", ...roles.receiver.lines.slice(-30), "--- dcmb:sender", ...roles.sender.lines.slice(-30)].join("\n") });
  const roles: Record<"sender" | "receiver", { child?: ChildProcess; lines: string[] }> = { sender: { lines: [] }, receiver: { lines: [] } };
  let registry: ConsortiumRegistry;
  let auditTrail: DcmbAuditTrail;
  let logCid: string;
  /** devnet keeps its demo participants in <SEALEDCHAIN_HOME>/devnet. */
  const participantDirectory = (name: string) => path.join(devnet.home, "devnet", "participants", name);

  const task = async (args: string[]): Promise<Run> => {
    const started = Date.now();
    const { CI: _ci, ...env } = devnet.env({ SEALEDCHAIN_HOME: devnet.home, SEALEDCHAIN_SKIP_BUILD: "1" });
    const lines: string[] = [];
    const child = spawnHardhat({ projectRoot, args: [...args, "--network", "localhost"], env, onLine: (line) => lines.push(line) });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    await new Promise((resolve) => setImmediate(resolve)); // readline may deliver the last lines just after "exit"
    console.log(`      ${args[0]} ${args.includes("--participant") ? args[args.indexOf("--participant") + 1] : ""}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { code, lines, text: lines.join("\n") };
  };
  const startRole = (role: "sender" | "receiver", name: string) => {
    roles[role].child = spawnHardhat({
      projectRoot,
      args: [`dcmb:${role}`, "--participant", name, "--network", "localhost", "--poll-interval", "200"],
      env: devnet.env({ SEALEDCHAIN_HOME: devnet.home, SEALEDCHAIN_SKIP_BUILD: "1" }),
      onLine: (line) => roles[role].lines.push(line),
    });
  };
  const roleLine = (role: "sender" | "receiver", pattern: RegExp, timeoutMs: number) => devnet.waitForLine(pattern, timeoutMs, roles[role].lines);

  before(async function () {
    await devnet.start();
    const addresses = JSON.parse(await readFile(devnet.networkEnv["SEALEDCHAIN_DEPLOYMENT"]!, "utf8")) as Record<string, string>;
    const addressOf = (contract: string) => addresses[Object.keys(addresses).find((k) => k.endsWith(`#${contract}`))!]!;
    registry = ConsortiumRegistry__factory.connect(addressOf("ConsortiumRegistry"), devnet.provider);
    auditTrail = DcmbAuditTrail__factory.connect(addressOf("DcmbAuditTrail"), devnet.provider);
  });

  after(async function () {
    for (const role of ["sender", "receiver"] as const) {
      const child = roles[role].child;
      if (child !== undefined && child.exitCode === null) await stopChild(child, { signal: "SIGINT", timeoutMs: 15_000 });
    }
    if (devnet.child !== undefined && devnet.child.exitCode === null) {
      devnet.child.kill("SIGINT"); // stops its agents and the node (SIGKILL would orphan them)
      await Promise.race([devnet.exited, sleep(20_000)]);
    }
    await devnet.cleanup();
  });

  it("cert:validate as the regulator passes every check and prints the log CID", async function () {
    const validate = await task(["cert:validate", "--participant", "regulator", "--module-version", "1.0.0"]);
    expect(validate.code, validate.text).to.equal(0);
    expect(validate.lines.filter((l) => /^ {2}pass /.test(l)), validate.text).to.have.length(6);
    expect(validate.text).to.not.match(/^ {2}FAIL /m);
    expect(validate.text).to.include("validation PASSED for sealedchain.dcmb by 'regulator'");
    expect(validate.text).to.match(/^ {2}pass confidentiality: no reading value in anything destined for the chain: .*light Argon2id/m);
    const match = /^ {2}log CID {7}(b[a-z2-7]{20,})$/m.exec(validate.text);
    expect(match, validate.text).to.not.equal(null);
    logCid = match![1]!;
  });

  it("cert:propose by materials-a, cert:vote by the regulator certifies version 1; cert:status shows it and this checkout certified", async function () {
    const propose = await task(["cert:propose", "--participant", "materials-a", "--module-version", "1.0.0", "--log-cid", logCid]);
    expect(propose.code, propose.text).to.equal(0);
    expect(propose.text).to.match(/^'materials-a' proposed sealedchain\.dcmb 1\.0\.0 as version 1 \(proposal #\d+\)/m);
    const vote = await task(["cert:vote", "--participant", "regulator", "--version-id", "1", "--support", "true", "--log-cid", logCid]);
    expect(vote.code, vote.text).to.equal(0);
    expect(vote.text).to.match(/vote \(proposal #\d+\) is Executed: executed, version 1 is certified/);
    const status = await task(["cert:status"]);
    expect(status.code, status.text).to.equal(0);
    expect(status.text).to.match(/^version 1 1\.0\.0: Certified/m);
    expect(status.text).to.include(`, log ${logCid}`);
    expect(status.text).to.match(/^this checkout: artifact 0x[0-9a-f]{64} is CERTIFIED \(version 1\)$/m);
  });

  it("materials-a's and chemicals-b's devnet agents stop; dcmb:receiver and dcmb:sender start as their agents with the DCMB role", async function () {
    await writeFile(path.join(participantDirectory("materials-a"), "counter.csv"), "time,value\n");
    const conditionSalt = "0x" + "7e".repeat(16); // shared out of band; never on chain
    const argon2 = { memoryKiB: 1024, iterations: 1, parallelism: 1 }; // TEST ONLY: light Argon2
    await writeFile(
      path.join(participantDirectory("chemicals-b"), "dcmb.json"),
      JSON.stringify({ role: "receiver", senders: [MATERIALS_A], rules: RULES, conditionSalt, argon2, expected: [{ value: "5367", action: "schedule the service visit" }] }),
    );
    await writeFile(
      path.join(participantDirectory("materials-a"), "dcmb.json"),
      JSON.stringify({ role: "sender", receiver: CHEMICALS_B, name: "work-pieces", source: { csv: "counter.csv" }, intervalSeconds: 2, rules: RULES, conditionSalt, argon2 }),
    );
    for (const name of ["materials-a", "chemicals-b"]) {
      const pid = descendants(devnet.child!.pid!).find((p) => new RegExp(`hardhat agent --participant ${name}( |$)`).test(commandOf(p)));
      expect(pid, `${name}'s agent process`).to.be.a("number");
      process.kill(pid!, "SIGTERM");
      await devnet.waitForLine(new RegExp(`^\\[${name}\\s*\\] agent exited \\(code 0\\)$`), 15_000);
    }
    startRole("receiver", "chemicals-b");
    await roleLine("receiver", /DCMB module artifact 0x[0-9a-f]{64} is certified on chain \(version #1\); starting as receiver/, 60_000);
    await roleLine("receiver", new RegExp(`condition "maintenance imminent" for ${MATERIALS_A} registered as #1 \\(only its Argon2 hash is on chain\\)`), 10_000);
    // The receiver's protocol is served by its new node: the sender delivers to the multiaddrs on chain, so wait until they are its.
    const listening = await roleLine("receiver", /storage node \S+ listening on (\/ip4\/\S+)/, 10_000);
    const address = /listening on (\/ip4\/[^,\s]+)/.exec(listening)![1]!;
    await devnet.waitFor("chemicals-b's new endpoints on chain", async () => (await registry.member(CHEMICALS_B)).profile.multiaddrs[0] === address, 20_000);
    startRole("sender", "materials-a");
    await roleLine("sender", /DCMB module artifact 0x[0-9a-f]{64} is certified on chain \(version #1\); starting as sender/, 60_000);
    await roleLine("sender", /DCMB sender: .*every 2 s to 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC/, 10_000);
  });

  it("readings appended to the sender's CSV reach the receiver's inbox; 5367 notifies the receiver", async function () {
    const now = Date.now();
    await appendFile(path.join(participantDirectory("materials-a"), "counter.csv"), `${now},5290\n${now + 1},5367\n${now + 2},5372\n`);
    await roleLine("sender", /maps to a rule \(severity 4\); posted its hashed label → tx 0x/, 30_000);
    await roleLine("receiver", new RegExp(`NOTIFICATION from ${MATERIALS_A}: condition #1 \\(severity 4\\) matched`), 30_000);
    await roleLine("receiver", new RegExp(`batch 1 from ${MATERIALS_A}: all 3 message\\(s\\) verified against the on-chain root; acknowledged → tx 0x`), 30_000);
    await roleLine("receiver", /action "schedule the service visit"/, 1_000);
    const inbox = (await readFile(path.join(participantDirectory("chemicals-b"), "dcmb", "receiver", "inbox", `${MATERIALS_A}.jsonl`), "utf8")).trim().split("\n");
    expect(inbox.map((l) => (JSON.parse(l) as { value: string }).value)).to.deep.equal(["5290", "5367", "5372"]);
    const batch = await auditTrail.batch(MATERIALS_A, CHEMICALS_B, 1);
    expect(batch.messageCount).to.equal(3n);
    expect(batch.acknowledgedAt).to.not.equal(0n);
    expect([...roles.sender.lines, ...roles.receiver.lines].join("\n")).to.not.match(/ WARN | ERROR /);
  });

  it("dcmb:verify: every message of batch 1 verifies against the on-chain root; dcmb:conditions lists the condition and the notification", async function () {
    const [verify, conditions] = await Promise.all([task(["dcmb:verify", "--participant", "chemicals-b", "--sender", MATERIALS_A, "--batch", "1"]), task(["dcmb:conditions"])]);
    expect(verify.code, verify.text).to.equal(0);
    expect(verify.text).to.include(`batch 1 of ${MATERIALS_A} → ${CHEMICALS_B}: 3 message(s) on chain, root 0x`);
    expect(verify.lines.filter((l) => /^ {2}message \d: verifies against the on-chain root$/.test(l)), verify.text).to.have.length(3);
    expect(verify.text).to.include("3 of 3 message(s) in the inbox verify; 0 of the batch are not in the inbox");
    expect(conditions.code, conditions.text).to.equal(0);
    expect(conditions.text).to.match(new RegExp(`^- #1 receiver ${CHEMICALS_B} ← sender ${MATERIALS_A}: hash 0x[0-9a-f]{64}, severity 4, active, notified 1 time\\(s\\)$`, "m"));
    expect(conditions.text).to.match(new RegExp(`^ {2}block \\d+: condition #1 matched a post of ${MATERIALS_A} → notified ${CHEMICALS_B} \\(severity 4\\)$`, "m"));
    expect(conditions.text).to.not.match(/maintenance|5367/);
  });

  it("dcmb:sender and dcmb:receiver stop on SIGINT (exit 0); devnet stops on SIGINT", async function () {
    for (const role of ["sender", "receiver"] as const) {
      const child = roles[role].child;
      expect(child === undefined ? "not started" : await stopChild(child, { signal: "SIGINT", timeoutMs: 15_000 }), roles[role].lines.join("\n")).to.equal(0);
    }
    devnet.child!.kill("SIGINT");
    expect(await Promise.race([devnet.exited, sleep(20_000).then(() => "timeout")])).to.equal(0);
    expect(devnet.output).to.include("devnet stopped");
  });
});
