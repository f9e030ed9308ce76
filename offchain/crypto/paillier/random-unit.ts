import { randomBytes } from "node:crypto";
import { bitLength } from "./bit-length.js";
import { gcd } from "./gcd.js";

/**
 * A uniformly random element of Z*_m (0 < r < m, gcd(r, m) = 1) from the OS CSPRNG,
 * by rejection sampling over bitLength(m)-bit candidates.
 */
export function randomUnit(modulus: bigint): bigint {
  const bits = bitLength(modulus);
  const bytes = Math.ceil(bits / 8);
  const excessBits = BigInt(bytes * 8 - bits);
  for (;;) {
    const candidate = BigInt(`0x${randomBytes(bytes).toString("hex")}`) >> excessBits;
    if (candidate > 0n && candidate < modulus && gcd(candidate, modulus) === 1n) {
      return candidate;
    }
  }
}
