import { InvalidComparisonParameterError } from "./errors.js";

/** Largest bit length accepted; quality values are measurements, not bignums. */
export const MAX_BIT_LENGTH = 256;

/** Checks `bitLength` is an integer in [1, MAX_BIT_LENGTH]. */
export function assertBitLength(bitLength: unknown): asserts bitLength is number {
  if (typeof bitLength !== "number" || !Number.isInteger(bitLength) || bitLength < 1 || bitLength > MAX_BIT_LENGTH) {
    throw new InvalidComparisonParameterError({
      parameter: "bitLength",
      expected: `an integer in [1, ${MAX_BIT_LENGTH}]`,
      actual: String(bitLength),
    });
  }
}

/**
 * Bits of `value`, LSB-first: result[i] is the bit of weight 2^i (the order of the paper's
 * Fig. 6/7 data, Nasu et al. §V-B). `value` must fit in `bitLength` bits.
 */
export function bitsOf(value: bigint | number, bitLength: number, parameter: string): bigint[] {
  assertBitLength(bitLength);
  let v: bigint;
  if (typeof value === "bigint") {
    v = value;
  } else if (typeof value === "number" && Number.isSafeInteger(value)) {
    v = BigInt(value);
  } else {
    throw new InvalidComparisonParameterError({ parameter, expected: "a bigint or a safe integer", actual: String(value) });
  }
  if (v < 0n || v >> BigInt(bitLength) !== 0n) {
    throw new InvalidComparisonParameterError({
      parameter,
      expected: `an integer in [0, 2^${bitLength})`,
      actual: v.toString(),
    });
  }
  const bits: bigint[] = [];
  for (let i = 0; i < bitLength; i++) bits.push((v >> BigInt(i)) & 1n);
  return bits;
}
