import { combine } from "shamir-secret-sharing";
import { MAX_SHARES, SHARE_BYTES } from "./constants.js";
import { describeValue } from "../../describe-value.js";
import { InvalidKeyShareParameterError } from "./errors.js";

/**
 * Rebuilds a file key from at least k shares made by splitFileKey (any order).
 * Fewer than k shares give a wrong key without any error (Shamir cannot tell): check the
 * result against the on-chain key commitment (keyCommitment) before using it.
 * @throws InvalidKeyShareParameterError fewer than 2 shares, a share not 33 bytes, two
 * shares with the same x-coordinate (the same share twice)
 */
export async function combineFileKeyShares(shares: readonly Uint8Array[]): Promise<Uint8Array> {
  if (!Array.isArray(shares) || shares.length < 2 || shares.length > MAX_SHARES) {
    throw new InvalidKeyShareParameterError({
      parameter: "shares",
      expected: `an array of 2..${MAX_SHARES} shares`,
      actual: describeValue(shares),
    });
  }
  const seen = new Set<number>();
  shares.forEach((share, position) => {
    if (!(share instanceof Uint8Array) || share.length !== SHARE_BYTES) {
      throw new InvalidKeyShareParameterError({
        parameter: `shares[${position}]`,
        expected: `a ${SHARE_BYTES}-byte Uint8Array`,
        actual: describeValue(share),
      });
    }
    const x = share[SHARE_BYTES - 1] ?? 0;
    if (x === 0 || seen.has(x)) {
      throw new InvalidKeyShareParameterError({
        parameter: `shares[${position}]`,
        expected: "a distinct share (x-coordinate in 1..255 not used by another share)",
        actual: x === 0 ? "x-coordinate 0" : `the x-coordinate of an earlier share (${x})`,
      });
    }
    seen.add(x);
  });
  return combine([...shares]);
}
