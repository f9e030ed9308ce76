import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { newConsumerPseudonym } from "../../offchain/points/index.js";
import { DevnetProcess } from "../helpers/devnet-process.js";
import { expectOneLineError, runTaskAsUser } from "../helpers/task-as-user.js";

/** F of Hu et al. §4, in plain arithmetic (what the MPC computes under encryption). */
const formula = (a: bigint, b: bigint): bigint => {
  const max = (x: bigint, y: bigint) => (x > y ? x : y);
  const min = (x: bigint, y: bigint) => (x < y ? x : y);
  return max(min(max(37n * a, 150n * b), 150_000n), 50_000n);
};
const randomPoints = (): bigint => BigInt(Math.floor(Math.random() * 10_001));

/**
 * The points part (Hu et al. §2.3, §4) end to end on `hardhat node` with real agent processes.
 * Roles among the demo participants: materials-a is the brand (and the requester),
 * chemicals-b the e-commerce platform, auditor the data-encryption platform (key holder, its
 * agent serves the comparison oracle) and servicer-s the MPC platform (its agent computes
 * what it is authorised to). Every user step is a separate task process.
 */
describe("tasks: points end to end on devnet (key, encrypted issuances, tier and formula through the agents)", function () {
  this.timeout(300_000);
  const devnet = new DevnetProcess({ homePrefix: "sealedchain-points-e2e-" });
  const { output } = devnet;
  /** Each task's output with the participant it ran as (for "what each party saw"). */
  const taskOutputs: { participant: string | undefined; text: string }[] = [];
  const participantOf = (args: string[]) => args[args.indexOf("--participant") + 1];
  const run = async (args: string[]) => {
    const result = await devnet.runTask([...args, "--network", "localhost"]);
    taskOutputs.push({ participant: args.includes("--participant") ? participantOf(args) : undefined, text: result.text });
    expect(result.code, `${args.join(" ")}\n${result.text}`).to.equal(0);
    return result.text;
  };
  /** As a user at a terminal (no CI): a refusal must be one line, no stack. */
  const runAsUser = async (args: string[]) => {
    const result = await runTaskAsUser([...args, "--network", "localhost"], devnet.env({ SEALEDCHAIN_HOME: devnet.home }));
    taskOutputs.push({ participant: args.includes("--participant") ? participantOf(args) : undefined, text: result.text });
    return result;
  };
  const mallory = newConsumerPseudonym();
  const other = newConsumerPseudonym();
  let keyId = "";

  before(async () => {
    await devnet.start();
  });

  after(async () => {
    await devnet.cleanup();
  });

  it("the key holder registers a key while its agent runs; the brand and the e-commerce platform issue Mallory's points under it", async () => {
    await devnet.waitForLine(/^\[auditor\s*\] .*published information server/, 30_000); // its agent is up (and will serve the oracle)
    const registered = await run(["points:register-key", "--participant", "auditor", "--bits", "2048"]);
    keyId = /^key #(\d+): 2048-bit Paillier public key \S+ registered/m.exec(registered)?.[1] ?? "";
    expect(keyId, registered).to.equal("1");
    expect(await run(["points:issue", "--participant", "materials-a", "--consumer", mallory, "--points", "2600", "--key-id", keyId])).to.match(
      new RegExp(`^issuance #1: 2600 points for consumer ${mallory} encrypted under key 1`, "m"),
    );
    expect(await run(["points:issue", "--participant", "chemicals-b", "--consumer", mallory, "--points", "3200", "--key-id", keyId])).to.match(/^issuance #2: 3200 points/m);
  });

  it("the MPC's agent computes Mallory's tier 2 with the key holder's agent as oracle; points:tier shows it; a second computation by hand is refused", async () => {
    const authorized = await run(["points:authorize", "--participant", "auditor", "--consumer", mallory, "--kind", "tier", "--issuances", "1,2", "--mpc", "servicer-s", "--requester", "materials-a"]);
    expect(authorized).to.match(/^authorisation #1: tier over issuance\(s\) 1, 2 by 0x[0-9a-fA-F]{40} for 0x[0-9a-fA-F]{40}, valid 3600 s/m);
    await devnet.waitForLine(/^\[servicer-s\s*\] .*authorisation #1: tier 2 computed under encryption \(3 blinded comparisons\) and posted/, 60_000);

    const text = await run(["points:tier", "--consumer", mallory]);
    expect(text).to.match(/1 tier update\(s\)/).and.to.match(/ tier 2 \(5000 to 10000\), authorisation #1, evidence \S+/);
    const json = JSON.parse(await run(["points:tier", "--consumer", mallory, "--json"])) as { tier: number; authorizationId: string; evidenceCid: string }[];
    expect(json).to.have.length(1);
    expect(json[0]).to.include({ tier: 2, authorizationId: "1" });
    expect(JSON.parse(await run(["points:tier", "--consumer", other, "--json"]))).to.deep.equal([]);

    // The agent used the authorisation; the same step by hand has nothing left to use.
    expectOneLineError(await runAsUser(["points:compute-tier", "--participant", "servicer-s", "--authorization", "1"]), "PointsStateError: authorisation 1: expected Active, got Used");
  });

  it("the MPC's agent evaluates the formula; only the requester's agent opens it (F = 150000 for Mallory, plain arithmetic for a random pair)", async () => {
    const authorized = await run(["points:authorize", "--participant", "auditor", "--consumer", mallory, "--kind", "formula", "--issuances", "1,2", "--mpc", "servicer-s", "--requester", "materials-a"]);
    expect(authorized).to.match(/^authorisation #2: formula over issuance\(s\) 1, 2/m);
    await devnet.waitForLine(/^\[servicer-s\s*\] .*authorisation #2: formula evaluated under encryption \(3 comparisons\), result sealed to the requester/, 60_000);
    const opened = await devnet.waitForLine(/^\[materials-a\s*\] .*authorisation #2: formula result opened .* saved to (\S+)$/, 60_000);
    const file = /saved to (\S+)$/.exec(opened)![1]!;
    expect(path.basename(file)).to.equal("2.json");
    expect(JSON.parse(await readFile(file, "utf8"))).to.deep.equal({ authorizationId: "2", consumerId: mallory, value: "150000" });
    expect(await run(["points:formula", "--participant", "materials-a", "--authorization", "2"])).to.match(/^authorisation #2: max\(min\(max\(37A, 150B\), 150000\), 50000\) = 150000$/m);

    const [a, b] = [randomPoints(), randomPoints()];
    await run(["points:issue", "--participant", "materials-a", "--consumer", other, "--points", String(a), "--key-id", keyId]);
    await run(["points:issue", "--participant", "chemicals-b", "--consumer", other, "--points", String(b), "--key-id", keyId]);
    await run(["points:authorize", "--participant", "auditor", "--consumer", other, "--kind", "formula", "--issuances", "3,4", "--mpc", "servicer-s", "--requester", "materials-a"]);
    await devnet.waitForLine(/^\[materials-a\s*\] .*authorisation #3: formula result opened/, 60_000);
    const expected = formula(a, b);
    expect(await run(["points:formula", "--participant", "materials-a", "--authorization", "3"]), `A = ${a}, B = ${b}`).to.match(new RegExp(`= ${expected}$`, "m"));
    expect(JSON.parse(await readFile(path.join(path.dirname(file), "3.json"), "utf8"))).to.include({ consumerId: other, value: String(expected) });
  });

  it("refuses, as processes, with one readable line: an authorisation by a non-key-holder, an evaluation by a member that is not the MPC, a bogus kind", async () => {
    const [notHolder, notMpc, bogus] = await Promise.all([
      runAsUser(["points:authorize", "--participant", "regulator", "--consumer", mallory, "--kind", "tier", "--issuances", "1,2", "--mpc", "servicer-s", "--requester", "materials-a"]),
      runAsUser(["points:formula", "--participant", "chemicals-b", "--authorization", "2", "--evaluate"]),
      runAsUser(["points:authorize", "--participant", "auditor", "--consumer", mallory, "--kind", "bogus", "--issuances", "1,2", "--mpc", "servicer-s", "--requester", "materials-a"]),
    ]);
    expectOneLineError(notHolder, "the contract rejected the transaction: LoyaltyNotKeyHolder(1, ");
    expectOneLineError(notMpc, "PointsStateError: authorisation 2: expected this MPC platform");
    expectOneLineError(bogus, '--kind: expected tier or formula, got "bogus"');
    expect(output.filter((l) => /^\[servicer-s\s*\] .*authorisation #\d+: (tier \d computed|formula evaluated)/.test(l))).to.have.length(3); // nothing more was computed
  });

  it("neither the MPC platform nor the key holder ever printed 2600, 3200 or 5800 (their agents' lines and their tasks' output)", () => {
    const theirs = (name: string) => [...output.filter((l) => new RegExp(`^\\[${name}\\s*\\] `).test(l)), ...taskOutputs.filter((t) => t.participant === name).map((t) => t.text)];
    const amounts = [/\b2600\b/, /\b3200\b/, /\b5800\b/];
    for (const name of ["servicer-s", "auditor"]) {
      const lines = theirs(name);
      expect(lines.join("\n"), name).to.match(/authorisation #1/); // the check reads what they did print
      for (const amount of amounts) expect(lines.filter((l) => amount.test(l)), `${name}: ${amount}`).to.deep.equal([]);
    }
    // The issuer's own output does name its amount: the pattern finds one where there is one.
    expect(theirs("materials-a").some((l) => amounts[0]!.test(l))).to.equal(true);
  });
});
