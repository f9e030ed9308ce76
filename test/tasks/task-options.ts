import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { spawnHardhat } from "../../tasks/helpers/spawn-hardhat.js";
import { sealedChainTasks } from "../../tasks/index.js";

const projectRoot = path.resolve(import.meta.dirname, "../..");

/** Runs `hardhat <args>`; resolves with its exit code and its output (stdout + stderr). */
async function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; text: string }> {
  const lines: string[] = [];
  const child = spawnHardhat({ projectRoot, args, env, onLine: (line) => lines.push(line) });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, text: lines.join("\n") };
}

describe("tasks: --help and input errors", function () {
  this.timeout(60_000);

  it("every task and every option has a description; optional strings show no empty default", () => {
    expect(sealedChainTasks.length).to.be.at.least(7);
    for (const definition of sealedChainTasks) {
      const id = definition.id.join(" ");
      expect(definition.description, id).to.have.length.above(20);
      if (!("options" in definition)) continue;
      for (const [name, option] of Object.entries(definition.options)) {
        expect(option.description, `${id} --${name}`).to.have.length.above(10);
        // Hardhat prints "(default: )" for an empty-string default: use STRING_WITHOUT_DEFAULT.
        expect(option.defaultValue, `${id} --${name} default`).to.not.equal("");
      }
    }
  });

  it("a bad option value fails with exit code 1 and one line naming the option and the value", async () => {
    const home = await mkdtemp(path.join(tmpdir(), "sealedchain-task-errors-"));
    try {
      // What a user at a terminal sees: with CI set, Hardhat always prints stack traces.
      const { CI: _ci, ...withoutCi } = process.env;
      const env = { ...withoutCi, SEALEDCHAIN_HOME: home, SEALEDCHAIN_SKIP_BUILD: "1" };
      const [vote, name] = await Promise.all([
        run(["consortium:vote", "--participant", "materials-a", "--proposal", "abc", "--support", "true"], env),
        run(["participant:new", "--name", "Bad_Name"], env),
      ]);
      expect(vote.code).to.equal(1);
      expect(vote.text).to.include(`--proposal: expected a positive integer proposal id, got "abc"`);
      expect(name.code).to.equal(1);
      expect(name.text).to.include(`--name: expected 1-32 characters from [a-z0-9-], got "Bad_Name"`);
      for (const { text } of [vote, name]) {
        expect(text).to.not.match(/An unexpected error occurred|^\s+at /m); // no stack trace
      }
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
