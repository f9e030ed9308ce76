import { split } from "shamir-secret-sharing";
import { MAX_SHARES, MIN_SHARES, MIN_THRESHOLD } from "./constants.js";
import { describeValue } from "../../describe-value.js";
import { InvalidKeyShareParameterError } from "./errors.js";

export interface SplitFileKeyParameters {
  /** The 32-byte file key. */
  fileKey: Uint8Array;
  /** n, the number of shares (holders), 2..255. */
  shares: number;
  /** k, the number of shares that rebuild the key, 2..n. */
  threshold: number;
}

/** n shares of 33 bytes (32 evaluations ‖ x-coordinate); share i (1-based) is element i-1. */
export type SplitFileKeyResult = Uint8Array[];

/**
 * Splits a file key k-of-n with Shamir's scheme over GF(2^8) (BlockTorrent §3.2.3;
 * shamir-secret-sharing 0.0.4, audited by Cure53 and Zellic). Any k shares rebuild the key;
 * k-1 reveal nothing about it. The library's x-coordinates are random distinct values in
 * 1..255 stored in each share's last byte, so a share's position (its index on chain) is
 * not its x-coordinate; combineFileKeyShares needs no indexes.
 *
 * Threshold 1 is refused: the library requires k >= 2 (and a 1-of-n "sharing" would be n
 * copies of the key). The contract accepts k = 1, but this library never produces it.
 */
export async function splitFileKey({ fileKey, shares, threshold }: SplitFileKeyParameters): Promise<SplitFileKeyResult> {
  if (!(fileKey instanceof Uint8Array) || fileKey.length !== 32) {
    throw new InvalidKeyShareParameterError({
      parameter: "fileKey",
      expected: "a 32-byte Uint8Array",
      actual: fileKey instanceof Uint8Array ? `${fileKey.length} bytes` : describeValue(fileKey),
    });
  }
  if (typeof shares !== "number" || !Number.isInteger(shares) || shares < MIN_SHARES || shares > MAX_SHARES) {
    throw new InvalidKeyShareParameterError({
      parameter: "shares",
      expected: `an integer in [${MIN_SHARES}, ${MAX_SHARES}]`,
      actual: describeValue(shares),
    });
  }
  if (typeof threshold !== "number" || !Number.isInteger(threshold) || threshold < MIN_THRESHOLD || threshold > shares) {
    throw new InvalidKeyShareParameterError({
      parameter: "threshold",
      expected: `an integer in [${MIN_THRESHOLD}, shares = ${shares}] (shamir-secret-sharing needs at least 2)`,
      actual: describeValue(threshold),
    });
  }
  return split(fileKey, shares, threshold);
}
