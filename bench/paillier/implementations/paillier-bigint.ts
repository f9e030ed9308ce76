import { PrivateKey, PublicKey } from "paillier-bigint";

import { runPaperComparison, type ComparisonPrimitives } from "./run-paper-comparison.js";
import { timeLoop } from "./time-loop.js";
import type { BenchKey, Implementation, OperationName, OperationSample } from "./types.js";

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) throw new RangeError("not invertible");
  return ((oldS % m) + m) % m;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const OPERATIONS: readonly OperationName[] = ["encrypt", "decrypt", "add", "negate-power"];

/**
 * paillier-bigint 3.4.3 used as its README shows: `publicKey.encrypt` (g^m·r^n with a fresh
 * r), `privateKey.decrypt` (C^λ with the CRT modPow of bigint-crypto-utils since p and q are
 * known), `publicKey.addition`, and negation by C^(n−1) through `publicKey.multiply`, as the
 * paper does. The key is built from the shared p, q with g = n + 1, λ = lcm(p−1, q−1),
 * μ = λ⁻¹ mod n.
 */
export function createPaillierBigintImplementation(): Implementation {
  let publicKey: PublicKey | undefined;
  let privateKey: PrivateKey | undefined;
  let sample: { m: bigint; m2: bigint; c1: bigint; c2: bigint } | undefined;

  const keys = () => {
    if (!publicKey || !privateKey || !sample) throw new Error("setKey first");
    return { publicKey, privateKey, sample };
  };

  const primitives = (): ComparisonPrimitives => {
    const { publicKey: pk, privateKey: sk } = keys();
    const nMinus1 = pk.n - 1n;
    return {
      encrypt: (m) => pk.encrypt(m),
      negate: (c) => pk.multiply(c, nMinus1),
      add: (a, b) => pk.addition(a, b),
      triple: (c) => pk.multiply(c, 3n),
      encZero: 1n,
      encOne: pk.g,
      encMinusOne: pk.multiply(pk.g, nMinus1),
      decrypt: (c) => sk.decrypt(c),
    };
  };

  return {
    id: "paillier-bigint",
    label: "paillier-bigint 3.4.3",
    operations: OPERATIONS,
    async setKey({ p, q }: BenchKey) {
      const n = p * q;
      publicKey = new PublicKey(n, n + 1n);
      const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
      privateKey = new PrivateKey(lambda, modInverse(lambda, n), publicKey, p, q);
      const m = 0x1234_5678n;
      const m2 = 0x0bad_cafen;
      sample = { m, m2, c1: publicKey.encrypt(m), c2: publicKey.encrypt(m2) };
    },
    async measureOperation(op: OperationName, inner: number): Promise<OperationSample> {
      const { publicKey: pk, privateKey: sk, sample: s } = keys();
      let out = 0n;
      let ns: number;
      let want: bigint;
      switch (op) {
        case "encrypt":
          ns = timeLoop(inner, () => (out = pk.encrypt(s.m)));
          want = s.m;
          break;
        case "decrypt":
          ns = timeLoop(inner, () => (out = sk.decrypt(s.c1)));
          return { nsPerOp: ns, correct: out === s.m };
        case "add":
          ns = timeLoop(inner, () => (out = pk.addition(s.c1, s.c2)));
          want = s.m + s.m2;
          break;
        case "negate-power":
          ns = timeLoop(inner, () => (out = pk.multiply(s.c1, pk.n - 1n)));
          want = pk.n - s.m;
          break;
        default:
          throw new Error(`paillier-bigint does not offer ${op}`);
      }
      return { nsPerOp: ns, correct: sk.decrypt(out) === want };
    },
    comparisonVariants: [
      {
        id: "paillier-bigint",
        label: "paillier-bigint: paper-exact (public-key encryption, C^(n−1) via multiply)",
        slow: true,
        async run(parameters) {
          return runPaperComparison(primitives(), parameters);
        },
      },
    ],
    async close() {},
  };
}
