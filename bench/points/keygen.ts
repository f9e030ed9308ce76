import { generatePaillierKeyPair, type PaillierKeyPair } from "../../offchain/crypto/index.js";

export interface KeyGenerationRun {
  bits: number;
  /** generatePaillierKeyPair wall time per sample (two OpenSSL primes off the main thread, checks, CRT constants). */
  ms: number[];
}

/** Times `samples` key generations at `bits`; returns the last key pair for the toolkit runs. */
export async function measureKeyGeneration({ bits, samples }: { bits: number; samples: number }): Promise<{ run: KeyGenerationRun; keyPair: PaillierKeyPair }> {
  const ms: number[] = [];
  let keyPair: PaillierKeyPair | undefined;
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    keyPair = await generatePaillierKeyPair({ bits });
    ms.push(performance.now() - start);
  }
  return { run: { bits, ms }, keyPair: keyPair! };
}
