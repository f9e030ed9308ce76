import { describeValue } from "../../describe-value.js";
import { InvalidPlacementParameterError } from "./errors.js";

const TWO_TO_64 = 1n << 64n;

/**
 * The member whose range holds a digest: the first 8 digest bytes read as a big-endian
 * uint64 u; member i of M owns [i·2^64/M, (i+1)·2^64/M), so the index is ⌊u·M / 2^64⌋
 * (exact, in BigInt). Equal ranges give every member the same share of uniform digests.
 */
export function rangeIndex(digest: Uint8Array, memberCount: number): number {
  if (!(digest instanceof Uint8Array) || digest.length < 8) {
    throw new InvalidPlacementParameterError({ parameter: "digest", expected: "at least 8 bytes", actual: describeValue(digest) });
  }
  if (typeof memberCount !== "number" || !Number.isSafeInteger(memberCount) || memberCount < 1) {
    throw new InvalidPlacementParameterError({
      parameter: "memberCount",
      expected: "a positive integer",
      actual: describeValue(memberCount),
    });
  }
  const u = new DataView(digest.buffer, digest.byteOffset, 8).getBigUint64(0, false);
  return Number((u * BigInt(memberCount)) / TWO_TO_64);
}
