import { bitLength } from "./bit-length.js";

/**
 * What an invalid value looked like, for error messages, without printing it (it may be a
 * secret plaintext): its type, or its sign and bit length.
 */
export function describeValue(value: unknown): string {
  if (typeof value !== "bigint") {
    return value === null ? "null" : `a ${typeof value}`;
  }
  if (value === 0n) {
    return "0";
  }
  if (value < 0n) {
    return `a negative bigint (${bitLength(-value)} bits)`;
  }
  return `a bigint of ${bitLength(value)} bits`;
}
