import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expectOneLineError, runTaskAsUser as run } from "../helpers/task-as-user.js";

const PSEUDONYM = `0x${"ab".repeat(32)}`;

/** The points tasks refuse bad input with one line naming the option, before they unlock a
 * participant or connect to a chain (the happy paths run in points-e2e.ts). */
describe("tasks: points option errors (before connecting)", function () {
  this.timeout(120_000);
  let home = "";
  let env: NodeJS.ProcessEnv;

  before(async function () {
    home = await mkdtemp(path.join(tmpdir(), "sealedchain-points-options-"));
    env = { ...process.env, SEALEDCHAIN_HOME: home };
  });

  after(async function () {
    await rm(home, { recursive: true, force: true });
  });

  it("points:register-key names a missing participant and a bad or insecure --bits", async function () {
    const key = ["points:register-key", "--participant", "auditor"];
    const [noParticipant, notNumber, small, odd, tooLarge, tooSmallEvenInsecure] = await Promise.all([
      run(["points:register-key", "--bits", "2048"], env),
      run([...key, "--bits", "2k"], env),
      run([...key, "--bits", "1024"], env),
      run([...key, "--bits", "2049"], env),
      run([...key, "--bits", "20000"], env),
      run([...key, "--bits", "8", "--allow-insecure-key"], env),
    ]);
    expectOneLineError(noParticipant, "--participant is required: the key holder (data-encryption platform)");
    expectOneLineError(notNumber, "--bits: expected the bit length of n (2048 or more): an integer ≥ 1", '"2k"');
    expectOneLineError(small, "--bits: expected an even bit length from 2048 to 16384 (smaller only with --allow-insecure-key, for tests and demos)", '"1024"');
    expectOneLineError(odd, "--bits: expected an even bit length from 2048", '"2049"');
    expectOneLineError(tooLarge, "--bits: expected an even bit length from 2048 to 16384", '"20000"');
    const insecure = expectOneLineError(tooSmallEvenInsecure, "--bits: expected an even bit length from 16 to 16384", '"8"');
    if (insecure.includes("--allow-insecure-key")) throw new Error(`with the flag given, the error should not suggest it: ${insecure}`);
  });

  it("points:issue names a missing or malformed consumer, amount and key id", async function () {
    const issue = (...more: string[]) => ["points:issue", "--participant", "materials-a", ...more];
    const [noConsumer, shortHex, longHex, notHex, noPoints, fraction, words, noKey, zeroKey] = await Promise.all([
      run(issue("--points", "10", "--key-id", "1"), env),
      run(issue("--consumer", "0x1234", "--points", "10", "--key-id", "1"), env),
      run(issue("--consumer", `${PSEUDONYM}00`, "--points", "10", "--key-id", "1"), env),
      run(issue("--consumer", `0x${"zz".repeat(32)}`, "--points", "10", "--key-id", "1"), env),
      run(issue("--consumer", PSEUDONYM, "--key-id", "1"), env),
      run(issue("--consumer", PSEUDONYM, "--points", "2.5", "--key-id", "1"), env),
      run(issue("--consumer", PSEUDONYM, "--points", "ten", "--key-id", "1"), env),
      run(issue("--consumer", PSEUDONYM, "--points", "10"), env),
      run(issue("--consumer", PSEUDONYM, "--points", "10", "--key-id", "0"), env),
    ]);
    expectOneLineError(noConsumer, "--consumer is required: the consumer's pseudonym (0x + 64 hex digits)");
    expectOneLineError(shortHex, "PointsFormatError: consumer: 0x1234 starts with 0x but is not 32 bytes of hex (a pseudonym is 0x + 64 hex digits)");
    expectOneLineError(longHex, `consumer: ${PSEUDONYM}00 starts with 0x but is not 32 bytes of hex`);
    expectOneLineError(notHex, "consumer: 0xzz", "is not 32 bytes of hex");
    expectOneLineError(noPoints, "--points is required: the points credited");
    expectOneLineError(fraction, "--points: expected the points credited: an integer ≥ 0", '"2.5"');
    expectOneLineError(words, "--points: expected the points credited: an integer ≥ 0", '"ten"');
    expectOneLineError(noKey, "--key-id is required: the key holder's key id (points:register-key prints it)");
    expectOneLineError(zeroKey, "--key-id: expected the key holder's key id (points:register-key prints it): an integer ≥ 1", '"0"');
  });

  it("points:authorize names a bad kind, bad issuances, a missing MPC or requester and a bad validity", async function () {
    const base = { "--participant": "auditor", "--consumer": PSEUDONYM, "--kind": "tier", "--issuances": "1,2", "--mpc": "servicer-s", "--requester": "materials-a" };
    const authorize = (changes: Record<string, string | undefined>, ...more: string[]) => [
      "points:authorize",
      ...Object.entries({ ...base, ...changes }).flatMap(([option, value]) => (value === undefined ? [] : [option, value])),
      ...more,
    ];
    const [bogus, noKind, emptyItem, notId, descending, repeated, sameNumber, formulaOfThree, noMpc, noRequester, badValidity, badConsumer] = await Promise.all([
      run(authorize({ "--kind": "bogus" }), env),
      run(authorize({ "--kind": undefined }), env),
      run(authorize({ "--issuances": "1,,2" }), env),
      run(authorize({ "--issuances": "1,x" }), env),
      run(authorize({ "--issuances": "2,1" }), env),
      run(authorize({ "--issuances": "1,1" }), env),
      run(authorize({ "--issuances": "1,01" }), env),
      run(authorize({ "--kind": "formula", "--issuances": "1,2,3" }), env),
      run(authorize({ "--mpc": undefined }), env),
      run(authorize({ "--requester": undefined }), env),
      run(authorize({}, "--valid-for", "1h"), env),
      run(authorize({ "--consumer": "0x1234" }), env),
    ]);
    expectOneLineError(bogus, '--kind: expected tier or formula, got "bogus"');
    expectOneLineError(noKind, "--kind is required: tier or formula");
    expectOneLineError(emptyItem, "--issuances: expected issuance ids, ascending: comma-separated, no empty items", '"1,,2"');
    expectOneLineError(notId, "--issuances: expected an issuance id: an integer ≥ 1", '"x"');
    expectOneLineError(descending, "--issuances: expected issuance ids in ascending order", '"2,1"');
    expectOneLineError(repeated, "--issuances: expected issuance ids, ascending: each item once", '"1,1"');
    expectOneLineError(sameNumber, "--issuances: expected issuance ids in ascending order", '"1,01"');
    expectOneLineError(formulaOfThree, "--issuances: expected exactly two issuance ids for the formula (A, then B)", '"1,2,3"');
    expectOneLineError(noMpc, "--mpc is required: the MPC platform");
    expectOneLineError(noRequester, "--requester is required: who asked");
    expectOneLineError(badValidity, "--valid-for: expected seconds the authorisation stays usable: an integer ≥ 1", '"1h"');
    expectOneLineError(badConsumer, "consumer: 0x1234 starts with 0x but is not 32 bytes of hex");
  });

  it("points:compute-tier, points:tier and points:formula name the missing or malformed option", async function () {
    const [noAuthorization, badAuthorization, noMpc, noConsumer, badConsumer, noParticipant, zeroAuthorization] = await Promise.all([
      run(["points:compute-tier", "--participant", "servicer-s"], env),
      run(["points:compute-tier", "--participant", "servicer-s", "--authorization", "1.5"], env),
      run(["points:compute-tier", "--authorization", "1"], env),
      run(["points:tier"], env),
      run(["points:tier", "--consumer", "0x1234", "--json"], env),
      run(["points:formula", "--authorization", "1"], env),
      run(["points:formula", "--participant", "materials-a", "--authorization", "0", "--evaluate"], env),
    ]);
    expectOneLineError(noAuthorization, "--authorization is required: an authorisation id (points:authorize prints it)");
    expectOneLineError(badAuthorization, "--authorization: expected an authorisation id (points:authorize prints it): an integer ≥ 1", '"1.5"');
    expectOneLineError(noMpc, "--participant is required: the MPC platform named in the authorisation");
    expectOneLineError(noConsumer, "--consumer is required: the consumer's pseudonym (0x + 64 hex digits)");
    expectOneLineError(badConsumer, "PointsFormatError: consumer: 0x1234 starts with 0x but is not 32 bytes of hex");
    expectOneLineError(noParticipant, "--participant is required: the MPC platform (with --evaluate) or the requester");
    expectOneLineError(zeroAuthorization, "--authorization: expected a formula authorisation id: an integer ≥ 1", '"0"');
  });
});
