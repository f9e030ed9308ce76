import { execFileSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { JsonRpcProvider, Network } from "ethers";

import { findFreePort } from "../../tasks/helpers/assert-port-free.js";
import { spawnHardhat, stopChild } from "../../tasks/helpers/spawn-hardhat.js";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

export type DevnetProcessOptions = {
  /** Prefix of the temporary SEALEDCHAIN_HOME (under the OS temp folder). */
  homePrefix: string;
  /** Sees each output line of devnet (after it is added to `output`). */
  onLine?: (line: string) => void;
  /** More text for timeout errors (e.g. the lines of another process). */
  moreLog?: () => string;
};

/**
 * `hardhat devnet` as a process, as a user runs it: on a free port with a temporary
 * SEALEDCHAIN_HOME. `start()` in a `before` hook, `cleanup()` in the `after` hook (it also
 * cleans up after a failed start).
 */
export class DevnetProcess {
  /** devnet's output (its own lines and every agent's prefixed lines, stdout and stderr). */
  readonly output: string[] = [];
  port = 0;
  home = "";
  child: ChildProcess | undefined;
  /** Resolves with devnet's exit code. */
  exited: Promise<number | null> = Promise.resolve(null);
  /** The export line devnet printed for a port other than 8545, as env entries. */
  networkEnv: Record<string, string> = {};
  /** JSON-RPC to devnet's node (after `start()`). */
  provider!: JsonRpcProvider;
  startedAt = 0;
  readonly #options: DevnetProcessOptions;

  constructor(options: DevnetProcessOptions) {
    this.#options = options;
  }

  /** Starts devnet; resolves once it printed "devnet ready" and its export line. */
  async start(): Promise<void> {
    this.startedAt = Date.now();
    this.port = await findFreePort();
    this.home = await mkdtemp(path.join(tmpdir(), this.#options.homePrefix));
    const child = spawnHardhat({
      projectRoot,
      args: ["devnet", "--port", String(this.port)],
      env: { ...withoutNetworkEnv(process.env), SEALEDCHAIN_HOME: this.home },
      onLine: (line) => {
        this.output.push(line);
        this.#options.onLine?.(line);
      },
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    const ready = await this.waitForLine(/^devnet ready in /, 150_000);
    console.log(`      ${ready.split(":")[0]} (measured by the test: ${((Date.now() - this.startedAt) / 1000).toFixed(1)} s)`);
    const exportLine = await this.waitForLine(/^\s+export SEALEDCHAIN_RPC_URL=/, 1_000);
    this.networkEnv = Object.fromEntries(
      exportLine.trim().split("#")[0]!.replace(/^export /, "").trim().split(/\s+/).map((pair) => pair.split("=", 2) as [string, string]),
    );
    this.provider = new JsonRpcProvider(`http://127.0.0.1:${this.port}`, Network.from(31337n), { staticNetwork: true });
  }

  /** Waits until `condition` holds; fails early if devnet exits. */
  async waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (this.child?.exitCode !== null) throw new Error(`devnet exited (code ${this.child?.exitCode}) while waiting for ${what}:\n${this.#log()}`);
      if (Date.now() > deadline) throw new Error(`timed out (${timeoutMs} ms) waiting for ${what}:\n${this.#log()}`);
      await sleep(100);
    }
  }

  /** The first line of `lines` (default: devnet's output) matching `pattern`, waiting up to `timeoutMs`. */
  async waitForLine(pattern: RegExp, timeoutMs: number, lines: string[] = this.output): Promise<string> {
    await this.waitFor(String(pattern), () => lines.some((l) => pattern.test(l)), timeoutMs);
    return lines.find((l) => pattern.test(l))!;
  }

  /** Runs `hardhat <args>` against the devnet; resolves with its exit code and output. */
  async runTask(args: string[]): Promise<{ code: number | null; text: string }> {
    const lines: string[] = [];
    const child = spawnHardhat({ projectRoot, args, env: this.env({ SEALEDCHAIN_HOME: this.home }), onLine: (line) => lines.push(line) });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    return { code, text: lines.join("\n") };
  }

  /** The environment of a process of this devnet's tasks and agents (plus `extra`). */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { ...withoutNetworkEnv(process.env), ...this.networkEnv, ...extra };
  }

  /** Kills devnet if still running; removes its home and deployment; SHOW_DEVNET_LOG=1 prints its log. */
  async cleanup(): Promise<void> {
    this.provider?.destroy();
    if (this.child !== undefined && this.child.exitCode === null) await stopChild(this.child, { signal: "SIGKILL" });
    if (this.home !== "") await rm(this.home, { recursive: true, force: true });
    if (this.port !== 0) await rm(path.join(projectRoot, "ignition", "deployments", `devnet-${this.port}`), { recursive: true, force: true });
    if (process.env["SHOW_DEVNET_LOG"] === "1") console.log(this.#log(Infinity));
  }

  #log(last = 40): string {
    const more = this.#options.moreLog?.();
    return [...this.output.slice(-last), ...(more === undefined ? [] : [more])].join("\n");
  }
}

/** Every process below `pid` (node, agents, and whatever they started). */
export function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((row) => row.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** The command line of `pid`, or "(gone)". */
export function commandOf(pid: number): string {
  try {
    return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim();
  } catch {
    return "(gone)";
  }
}

/** Which of `pids` still run (`pid command`, with `commands` as noted before the stop), waiting up to 5 s for them to end. */
export async function processesLeft(pids: number[], commands: Map<number, string>): Promise<string[]> {
  // Grandchildren (e.g. a helper process of hardhat node) may take a moment after their parent.
  for (let waited = 0; pids.some(isAlive) && waited < 5_000; waited += 100) await sleep(100);
  return pids.filter(isAlive).map((pid) => `${pid} ${commands.get(pid)}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The environment without a devnet export a developer may have left set. */
export function withoutNetworkEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { SEALEDCHAIN_RPC_URL: _url, SEALEDCHAIN_DEPLOYMENT: _deployment, ...rest } = env;
  return rest;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
