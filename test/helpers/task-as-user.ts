import { expect } from "chai";

import { spawnHardhat } from "../../tasks/helpers/spawn-hardhat.js";
import { projectRoot } from "./devnet-process.js";

/** The plugin's prefix on a task's one-line error. */
export const PLUGIN_ERROR_PREFIX = "Error in community plugin sealedchain: ";

export type TaskRun = { code: number | null; lines: string[]; text: string };

/** Runs `hardhat <args>` as a user at a terminal would (without CI, so an error is one line, no stack). */
export async function runTaskAsUser(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<TaskRun> {
  const { CI: _ci, ...withoutCi } = env;
  const lines: string[] = [];
  const child = spawnHardhat({ projectRoot, args, env: { ...withoutCi, SEALEDCHAIN_SKIP_BUILD: "1" }, onLine: (line) => lines.push(line) });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise((resolve) => setImmediate(resolve)); // readline may deliver the last lines just after "exit"
  return { code, lines, text: lines.join("\n") };
}

/** Exit 1, exactly one error line with the plugin's prefix (besides Hardhat's --show-stack-traces
 * hint and the "unlocked participant" progress line of a task that got that far), no stack
 * trace, and every fragment in that line. Returns the line. */
export function expectOneLineError(result: TaskRun, ...fragments: string[]): string {
  const lines = result.lines.filter((line) => line.trim() !== "" && !line.startsWith("For more info run Hardhat with --show-stack-traces") && !line.startsWith("unlocked participant "));
  expect(result.code, result.text).to.equal(1);
  expect(lines, result.text).to.have.length(1);
  const [line] = lines as [string];
  expect(line).to.match(new RegExp(`^${PLUGIN_ERROR_PREFIX}`));
  expect(result.text).to.not.match(/An unexpected error occurred|^\s+at /m);
  for (const fragment of fragments) expect(line).to.include(fragment);
  return line;
}
