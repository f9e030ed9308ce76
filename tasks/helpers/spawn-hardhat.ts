import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export type SpawnHardhatParameters = {
  projectRoot: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Receives each stdout/stderr line; default: discard. */
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
};

/** Runs `node_modules/.bin/hardhat <args>` (on the project's Node 22) as a child process,
 * in its own process group so it can be signalled as a whole. */
export function spawnHardhat({ projectRoot, args, env = process.env, onLine }: SpawnHardhatParameters): ChildProcess {
  const bin = path.join(projectRoot, "node_modules", ".bin");
  const child = spawn(path.join(bin, "hardhat"), args, {
    cwd: projectRoot,
    env: { ...env, PATH: `${bin}${path.delimiter}${env["PATH"] ?? ""}` },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  for (const stream of ["stdout", "stderr"] as const) {
    const lines = createInterface({ input: child[stream]! });
    lines.on("line", (line) => onLine?.(line, stream));
  }
  return child;
}

/** Sends `signal` to the child's process group and waits (up to `timeoutMs`, then SIGKILL). */
export async function stopChild(child: ChildProcess, { signal = "SIGINT", timeoutMs = 10_000 }: { signal?: NodeJS.Signals; timeoutMs?: number } = {}): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const kill = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      child.kill(s);
    }
  };
  kill(signal);
  const timer = setTimeout(() => kill("SIGKILL"), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
