import type { MachineInfo } from "../paillier/machine-info.js";
import { summarize, type Summary } from "../paillier/stats.js";
import type { KeyGenerationRun } from "./keygen.js";
import type { ProtocolRun, ProtocolSample, ProtocolSplit } from "./protocol.js";
import type { ToolkitRun, ToolkitSample } from "./toolkit.js";

export interface PointsBenchResult {
  schema: "sealedchain-bench-points/1";
  startedAt: string;
  durationSeconds: number;
  command: string;
  options: { quick: boolean; bits: number[]; samples: number; keygenSamples: number };
  machine: MachineInfo;
  chain: string;
  keyGeneration: KeyGenerationRun[];
  toolkit: ToolkitRun[];
  protocol: ProtocolRun[];
  /** Every computation's result matched the plaintext (tier, total, formula, the ledger's current tier). */
  allCorrect: boolean;
}

const TOOLKIT_FIGURES = ["totalMs", "mpcMs", "keyHolderMs", "encryptMsPerInput", "comparisons", "ciphertextsSent", "answerBits", "ciphertextBytesNominal", "ciphertextBytesActual"] as const;
export type ToolkitSummary = Record<(typeof TOOLKIT_FIGURES)[number], Summary>;

export function summarizeToolkit(samples: readonly ToolkitSample[]): ToolkitSummary {
  return Object.fromEntries(TOOLKIT_FIGURES.map((f) => [f, summarize(samples.map((s) => s[f]))])) as ToolkitSummary;
}

export type ProtocolSummary = Record<"wallMs" | "postGas" | "authorizeGas" | "issueGas" | "issueMs" | "authorizeMs" | "readMs" | "comparisons" | "ciphertextsSent", Summary> & Record<keyof ProtocolSplit, Summary>;

export function summarizeProtocol(samples: readonly ProtocolSample[]): ProtocolSummary {
  const of = (f: (s: ProtocolSample) => number[]) => summarize(samples.flatMap(f));
  const splitKeys = Object.keys(samples[0]?.split ?? {}) as (keyof ProtocolSplit)[];
  return {
    wallMs: of((s) => [s.wallMs]),
    postGas: of((s) => [s.postGas]),
    authorizeGas: of((s) => [s.authorizeGas]),
    issueGas: of((s) => s.issueGas),
    issueMs: of((s) => s.issueMs),
    authorizeMs: of((s) => [s.authorizeMs]),
    readMs: of((s) => (s.readMs === undefined ? [] : [s.readMs])),
    comparisons: of((s) => [s.comparisons]),
    ciphertextsSent: of((s) => [s.ciphertextsSent]),
    ...(Object.fromEntries(splitKeys.map((k) => [k, of((s) => [s.split[k]])])) as Record<keyof ProtocolSplit, Summary>),
  };
}

export const allCorrect = (toolkit: readonly ToolkitRun[], protocol: readonly ProtocolRun[]): boolean =>
  toolkit.every((r) => [r.warmUp, ...r.samples].every((s) => s.correct)) && protocol.every((r) => [...r.warmUp, ...r.samples].every((s) => s.correct));
