import { randomBytes } from "node:crypto";

/** Greatest common divisor (Euclid). */
export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Uniform integer in [0, 2^bits). */
export function randomBits(bits: number): bigint {
  const bytes = randomBytes(Math.ceil(bits / 8));
  return BigInt(`0x${bytes.toString("hex")}`) & ((1n << BigInt(bits)) - 1n);
}

/** Uniform element of Z*_n (rejection sampling). */
export function randomUnit(n: bigint): bigint {
  const bits = n.toString(2).length;
  for (;;) {
    const r = randomBits(bits);
    if (r > 0n && r < n && gcd(r, n) === 1n) return r;
  }
}
