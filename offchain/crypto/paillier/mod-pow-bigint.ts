import { PaillierParameterError } from "./errors.js";
import { describeValue } from "./describe-value.js";

/**
 * base^exponent mod modulus in plain BigInt arithmetic: left-to-right sliding-window
 * exponentiation (Menezes, van Oorschot, Vanstone, Handbook of Applied Cryptography,
 * Algorithm 14.85). The portable fallback of modPow; not constant-time.
 *
 * exponent ≥ 0, modulus ≥ 1; base may be any bigint (it is reduced first).
 */
export function modPowBigInt(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (typeof base !== "bigint") {
    throw new PaillierParameterError({ parameter: "base", expected: "a bigint", actual: describeValue(base) });
  }
  if (typeof exponent !== "bigint" || exponent < 0n) {
    throw new PaillierParameterError({ parameter: "exponent", expected: "a bigint ≥ 0", actual: describeValue(exponent) });
  }
  if (typeof modulus !== "bigint" || modulus < 1n) {
    throw new PaillierParameterError({ parameter: "modulus", expected: "a bigint ≥ 1", actual: describeValue(modulus) });
  }
  if (modulus === 1n) {
    return 0n;
  }
  let reduced = base % modulus;
  if (reduced < 0n) {
    reduced += modulus;
  }
  if (exponent === 0n) {
    return 1n;
  }

  const bits = exponent.toString(2);
  // Window width k minimizing squarings + multiplications for this exponent length (HAC Table 14.16).
  const width = bits.length > 671 ? 6 : bits.length > 239 ? 5 : bits.length > 79 ? 4 : bits.length > 23 ? 3 : 1;

  // Odd powers base^1, base^3, …, base^(2^width − 1).
  const oddPowers: bigint[] = [reduced];
  const square = (reduced * reduced) % modulus;
  for (let index = 1; index < 1 << (width - 1); index += 1) {
    oddPowers.push(((oddPowers[index - 1] as bigint) * square) % modulus);
  }

  let result = 1n;
  let position = 0;
  while (position < bits.length) {
    if (bits[position] === "0") {
      result = (result * result) % modulus;
      position += 1;
      continue;
    }
    let end = Math.min(position + width, bits.length);
    while (bits[end - 1] === "0") {
      end -= 1;
    }
    for (let step = position; step < end; step += 1) {
      result = (result * result) % modulus;
    }
    const window = Number.parseInt(bits.slice(position, end), 2);
    result = (result * (oddPowers[(window - 1) >> 1] as bigint)) % modulus;
    position = end;
  }
  return result;
}
