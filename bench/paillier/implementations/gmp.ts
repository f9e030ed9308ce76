import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";

import type {
  BenchKey,
  ComparisonParameters,
  ComparisonSample,
  Implementation,
  OperationName,
  OperationSample,
  Relation,
} from "./types.js";

const OPERATIONS: readonly OperationName[] = [
  "encrypt",
  "encrypt-owner-crt",
  "decrypt",
  "decrypt-lambda",
  "add",
  "negate-power",
  "negate-inverse",
];

/** The C program's names for our operations. */
const C_NAMES: Partial<Record<OperationName, string>> = {
  "negate-power": "negate",
  "negate-inverse": "negate-inverse",
};

interface CompareLine {
  type: "compare";
  relation: Relation;
  index: number;
  encryptions: number;
  negations: number;
  decryptions: number;
  ns: { encrypt: number; compute: number; decrypt: number; total: number };
}

/**
 * The C reference (gmp-reference.c) as a long-lived child process speaking one JSON line
 * per command, so it can be interleaved with the in-process implementations sample by
 * sample. Timings are taken inside the C program (pipe latency is not counted).
 */
export async function createGmpImplementation({ binary }: { binary: string }): Promise<Implementation & { gmpVersion: string }> {
  const child: ChildProcessWithoutNullStreams = spawn(binary, [], { stdio: ["pipe", "pipe", "pipe"] });
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<(line: string) => void> = [];
  const buffered: string[] = [];
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  lines.on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else buffered.push(line);
  });
  const nextLine = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onExit = () => reject(new Error(`gmp-reference exited: ${stderr}`));
      child.once("exit", onExit);
      const take = (line: string) => {
        child.off("exit", onExit);
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed["type"] === "error") reject(new Error(`gmp-reference: ${String(parsed["message"])}`));
        else resolve(parsed);
      };
      const early = buffered.shift();
      if (early !== undefined) take(early);
      else waiting.push(take);
    });
  const command = (text: string) => {
    child.stdin.write(text + "\n");
    return nextLine();
  };

  const ready = await nextLine();
  const gmpVersion = String(ready["gmp"]);

  return {
    id: "gmp",
    label: `GMP ${gmpVersion} C reference (paper-exact)`,
    gmpVersion,
    operations: OPERATIONS,
    async setKey(key: BenchKey) {
      const reply = await command(`key ${key.p} ${key.q}`);
      if (reply["bits"] !== key.bits) throw new Error(`gmp-reference built a ${String(reply["bits"])}-bit n, expected ${key.bits}`);
    },
    async measureOperation(op: OperationName, inner: number): Promise<OperationSample> {
      const reply = await command(`op ${C_NAMES[op] ?? op} 1 ${inner}`);
      return { nsPerOp: (reply["nsPerOp"] as number[])[0]!, correct: reply["correct"] === true };
    },
    comparisonVariants: [
      {
        id: "gmp",
        label: "GMP C reference: paper-exact (public-key encryption, C^(n−1))",
        slow: false,
        async run({ x, y, bitLength, decrypt }: ComparisonParameters): Promise<ComparisonSample> {
          const r = (await command(`compare ${x} ${y} ${bitLength} ${decrypt}`)) as unknown as CompareLine;
          return {
            relation: r.relation,
            index: r.index,
            encryptions: r.encryptions,
            negations: r.negations,
            decryptions: r.decryptions,
            ns: { offline: 0, encrypt: r.ns.encrypt, compute: r.ns.compute, decrypt: r.ns.decrypt, online: r.ns.total },
          };
        },
      },
    ],
    async close() {
      child.stdin.write("quit\n");
      child.stdin.end();
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once("exit", resolve)));
    },
  };
}
