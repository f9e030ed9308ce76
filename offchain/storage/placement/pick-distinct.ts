import { rangeIndex } from "./range-index.js";

/**
 * For each digest in order, the candidate whose range holds it; when that one is already
 * chosen, the next index (i + 1 mod M) not yet chosen. Needs digests.length <= M.
 */
export function pickDistinct(digests: readonly Uint8Array[], candidates: readonly string[]): string[] {
  const chosen = new Set<number>();
  const result: string[] = [];
  for (const digest of digests) {
    let index = rangeIndex(digest, candidates.length);
    while (chosen.has(index)) index = (index + 1) % candidates.length;
    chosen.add(index);
    result.push(candidates[index] as string);
  }
  return result;
}
