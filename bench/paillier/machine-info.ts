import { execFileSync } from "node:child_process";
import os from "node:os";

export interface MachineInfo {
  cpuModel: string;
  cpus: number;
  platform: string;
  node: string;
  openssl: string;
  gmp: string | null;
  compiler: string | null;
  loadAverageAtStart: [number, number, number];
  loadAverageAtEnd?: [number, number, number];
  hostname: string;
  gitCommit: string | null;
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: "pipe" }).trim();
  } catch {
    return null;
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const [l1, l5, l15] = os.loadavg();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpus: cpus.length,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    openssl: process.versions.openssl ?? "unknown",
    gmp: null,
    compiler: null,
    loadAverageAtStart: [l1!, l5!, l15!],
    hostname: os.hostname(),
    gitCommit: gitCommit(),
  };
}
