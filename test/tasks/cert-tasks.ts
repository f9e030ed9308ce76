import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { spawnHardhat } from "../../tasks/helpers/spawn-hardhat.js";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const PREFIX = "Error in community plugin sealedchain: ";
const CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

type Run = { code: number | null; lines: string[]; text: string };

/** Runs `hardhat <args>` as a user at a terminal would (without CI, so an error is one line, no stack). */
async function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const { CI: _ci, ...withoutCi } = env;
  const lines: string[] = [];
  const child = spawnHardhat({ projectRoot, args, env: { ...withoutCi, SEALEDCHAIN_SKIP_BUILD: "1" }, onLine: (line) => lines.push(line) });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return { code, lines, text: lines.join("\n") };
}

/** Exit 1, one error line with the plugin's prefix, no stack trace. */
function expectOneLineError(result: Run, ...fragments: string[]): void {
  const lines = result.lines.filter((line) => line.trim() !== "" && !line.startsWith("For more info run Hardhat with --show-stack-traces"));
  expect(result.code, result.text).to.equal(1);
  expect(lines, result.text).to.have.length(1);
  expect(lines[0]).to.match(new RegExp(`^${PREFIX}`));
  expect(result.text).to.not.match(/An unexpected error occurred|^\s+at /m);
  for (const fragment of fragments) expect(lines[0]).to.include(fragment);
}

describe("tasks: cert option errors (before connecting)", function () {
  this.timeout(60_000);

  it("cert:propose and cert:vote name the bad or missing option", async function () {
    const home = await mkdtemp(path.join(tmpdir(), "sealedchain-cert-options-"));
    try {
      const env = { ...process.env, SEALEDCHAIN_HOME: home };
      const [noVersion, badVersion, support, noCid, badCid] = await Promise.all([
        run(["cert:propose", "--participant", "materials-a"], env),
        run(["cert:propose", "--participant", "materials-a", "--module-version", "1.0 beta"], env),
        run(["cert:vote", "--participant", "auditor", "--version-id", "1", "--support", "maybe", "--log-cid", CID], env),
        run(["cert:vote", "--participant", "auditor", "--version-id", "1", "--support", "true"], env),
        run(["cert:vote", "--participant", "auditor", "--version-id", "1", "--support", "true", "--log-cid", "not-a-cid"], env),
      ]);
      expectOneLineError(noVersion, "--moduleVersion is required: the version to propose, e.g. 1.0.0");
      expectOneLineError(badVersion, `--moduleVersion: expected 1-64 characters of [0-9A-Za-z.+-], e.g. 1.0.0, got "1.0 beta"`);
      expectOneLineError(support, `--support: expected true or false, got "maybe"`);
      expectOneLineError(noCid, "--logCid is required: the CID of your validation log (printed by cert:validate)");
      expectOneLineError(badCid, `--logCid: expected a CID (e.g. bafy…), got "not-a-cid"`);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
