import type { Provider } from "ethers";

import { randomFormulaInputs, randomTierAmounts, MALLORY_AMOUNTS } from "./formula.js";
import { measureKeyGeneration, type KeyGenerationRun } from "./keygen.js";
import type { Meter } from "./meter.js";
import type { PointsWorld } from "./points-world.js";
import { startProtocolSession, type ProtocolKind, type ProtocolRun } from "./protocol.js";
import { TOOLKIT_WORKLOADS, toolkitSample, type ToolkitRun, type ToolkitSample } from "./toolkit.js";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Everything at one key size. Key generation first (its samples stand alone); then the
 * protocol session (key registration, warm-ups) and the toolkit warm-ups; then `samples`
 * rounds, each running every toolkit workload, both protocol computations and one key-holder
 * reference sample: interleaved, so that a burst of load on this shared machine hits all of
 * them alike and the toolkit-to-protocol ratios stay meaningful.
 */
export async function measureSize({ points, provider, meter, bits, samples, keygenSamples, consumerId, log }: {
  points: PointsWorld;
  provider: Provider;
  meter: Meter;
  bits: number;
  samples: number;
  keygenSamples: number;
  consumerId: string;
  log: (line: string) => void;
}): Promise<{ keyGeneration: KeyGenerationRun; toolkit: ToolkitRun[]; protocol: ProtocolRun }> {
  const { run: keyGeneration, keyPair } = await measureKeyGeneration({ bits, samples: keygenSamples });
  log(`${bits} bits: key generation ${keyGeneration.ms.map((x) => x.toFixed(0)).join(", ")} ms`);

  const session = await startProtocolSession({ points, provider, meter, bits, consumerId });
  const toolkit: ToolkitRun[] = [];
  for (const workload of TOOLKIT_WORKLOADS) toolkit.push({ bits, workload, warmUp: await toolkitSample(keyPair, bits, workload), samples: [] });

  for (let s = 0; s < samples; s++) {
    for (const run of toolkit) run.samples.push(await toolkitSample(keyPair, bits, run.workload));
    await session.measure("tier", s === 0 ? MALLORY_AMOUNTS : randomTierAmounts());
    await session.measure("formula", randomFormulaInputs());
    await session.measureKeyHolderReference();
    log(`${bits} bits: round ${s + 1} of ${samples} done`);
  }

  const verdict = (xs: readonly { correct: boolean }[]) => (xs.every((x) => x.correct) ? "" : " — WRONG RESULTS");
  for (const run of toolkit) log(`${bits} bits toolkit ${run.workload}: median ${median(run.samples.map((x: ToolkitSample) => x.totalMs)).toFixed(1)} ms${verdict(run.samples)}`);
  for (const kind of ["tier", "formula"] as ProtocolKind[]) {
    const mine = session.run.samples.filter((x) => x.kind === kind);
    log(`${bits} bits protocol ${kind}: median ${median(mine.map((x) => x.wallMs)).toFixed(0)} ms${verdict(mine)}`);
  }
  return { keyGeneration, toolkit, protocol: session.run };
}
