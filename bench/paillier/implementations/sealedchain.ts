import { answerComparison, computeComparisonVectors, encryptQualityBits } from "../../../offchain/crypto/comparison/index.js";
import {
  add,
  createNoncePool,
  decrypt,
  encrypt,
  encryptAsOwner,
  modPow,
  negate,
  privateKeyFromPrimes,
  type PaillierPrivateKey,
} from "../../../offchain/crypto/paillier/index.js";
import { runPaperComparison } from "./run-paper-comparison.js";
import { timeLoop } from "./time-loop.js";
import type {
  BenchKey,
  ComparisonParameters,
  ComparisonSample,
  Implementation,
  OperationName,
  OperationSample,
} from "./types.js";

const OPERATIONS: readonly OperationName[] = [
  "encrypt",
  "encrypt-owner-crt",
  "pool-precompute",
  "encrypt-pool-online",
  "decrypt",
  "add",
  "negate-power",
  "negate-inverse",
];

function now(): bigint {
  return process.hrtime.bigint();
}

/**
 * This library (offchain/crypto/paillier + offchain/crypto/comparison), called through its
 * public surface exactly as the quality agents call it. Comparison variants:
 * - "sealedchain": B encrypts as key owner (CRT), A runs computeComparisonVectors (negation
 *   by modular inverse), B runs answerComparison (recomputes and checks A's request, decrypts
 *   both vectors, recovers the nonce of the zero so A can verify). Everything is online.
 * - "sealedchain-pool": the same, but B's r^n factors come from a nonce pool built before X
 *   and Y are known (offline, reported separately); online encryption is one multiplication.
 * - "sealedchain-paper": the paper's steps on this library's arithmetic: public-key encryption
 *   and negation by C^(n−1) with the library's modPow, CRT decrypt (engine vs GMP, like for like).
 */
export async function createSealedChainImplementation(): Promise<Implementation> {
  let privateKey: PaillierPrivateKey | undefined;
  let sample: { m: bigint; m2: bigint; c1: bigint; c2: bigint } | undefined;

  const state = () => {
    if (!privateKey || !sample) throw new Error("setKey first");
    return { privateKey, publicKey: privateKey.publicKey, sample };
  };

  function runLibrary(
    { x, y, bitLength }: ComparisonParameters,
    withPool: boolean,
  ): ComparisonSample {
    const { privateKey: sk, publicKey } = state();
    const t0 = now();
    const pool = withPool ? createNoncePool({ privateKey: sk, size: 3 * bitLength }) : undefined;
    const t1 = now();
    const bundle =
      pool === undefined
        ? encryptQualityBits({ privateKey: sk, x, y, bitLength })
        : encryptQualityBits({ publicKey, pool, x, y, bitLength });
    const t2 = now();
    const request = computeComparisonVectors({ publicKey, ...bundle });
    const t3 = now();
    const answer = answerComparison({ privateKey: sk, ...bundle, request, disclose: "relation-and-index" });
    const t4 = now();
    return {
      relation: answer.relation,
      index: answer.relation === "eq" ? -1 : "index" in answer && typeof answer.index === "number" ? answer.index : -1,
      encryptions: 3 * bitLength,
      negations: bitLength,
      decryptions: 2 * bitLength,
      ns: {
        offline: withPool ? Number(t1 - t0) : 0,
        encrypt: Number(t2 - t1),
        compute: Number(t3 - t2),
        decrypt: Number(t4 - t3),
        online: Number(t4 - t1),
      },
    };
  }

  return {
    id: "sealedchain",
    label: "SealedChain (offchain/crypto)",
    operations: OPERATIONS,
    async setKey({ p, q }: BenchKey) {
      privateKey = privateKeyFromPrimes({ p, q });
      const publicKey = privateKey.publicKey;
      const m = 0x1234_5678n;
      const m2 = 0x0bad_cafen;
      sample = { m, m2, c1: encrypt({ publicKey, m }), c2: encrypt({ publicKey, m: m2 }) };
      // Warm-up: the first modexp per modulus builds the OpenSSL context (≈ one modexp).
      decrypt({ privateKey, c: sample.c1 });
      encryptAsOwner({ privateKey, m });
      modPow(sample.c1, 3n, publicKey.n2);
    },
    async measureOperation(op: OperationName, inner: number): Promise<OperationSample> {
      const { privateKey: sk, publicKey, sample: s } = state();
      let out = 0n;
      let ns: number;
      let want = s.m;
      switch (op) {
        case "encrypt":
          ns = timeLoop(inner, () => (out = encrypt({ publicKey, m: s.m })));
          break;
        case "encrypt-owner-crt":
          ns = timeLoop(inner, () => (out = encryptAsOwner({ privateKey: sk, m: s.m })));
          break;
        case "pool-precompute": {
          const t0 = now();
          const pool = createNoncePool({ privateKey: sk, size: inner });
          ns = Number(now() - t0) / inner;
          out = encrypt({ publicKey, m: s.m, pool });
          break;
        }
        case "encrypt-pool-online": {
          const pool = createNoncePool({ privateKey: sk, size: inner });
          ns = timeLoop(inner, () => (out = encrypt({ publicKey, m: s.m, pool })));
          break;
        }
        case "decrypt":
          ns = timeLoop(inner, () => (out = decrypt({ privateKey: sk, c: s.c1 })));
          return { nsPerOp: ns, correct: out === s.m };
        case "add":
          ns = timeLoop(inner, () => (out = add({ publicKey, a: s.c1, b: s.c2 })));
          want = s.m + s.m2;
          break;
        case "negate-power":
          ns = timeLoop(inner, () => (out = modPow(s.c1, publicKey.n - 1n, publicKey.n2)));
          want = publicKey.n - s.m;
          break;
        case "negate-inverse":
          ns = timeLoop(inner, () => (out = negate({ publicKey, c: s.c1 })));
          want = publicKey.n - s.m;
          break;
        default:
          throw new Error(`SealedChain benchmark does not measure ${op}`);
      }
      return { nsPerOp: ns, correct: decrypt({ privateKey: sk, c: out }) === want };
    },
    comparisonVariants: [
      {
        id: "sealedchain",
        label: "SealedChain library: owner CRT encryption, inverse negation, checked answer",
        slow: false,
        async run(parameters) {
          return runLibrary(parameters, false);
        },
      },
      {
        id: "sealedchain-pool",
        label: "SealedChain library with nonce pool (r^n precomputed offline)",
        slow: false,
        async run(parameters) {
          return runLibrary(parameters, true);
        },
      },
      {
        id: "sealedchain-paper",
        label: "SealedChain arithmetic, paper-exact steps (public-key encryption, C^(n−1))",
        slow: true,
        async run(parameters) {
          const { privateKey: sk, publicKey } = state();
          const nMinus1 = publicKey.n - 1n;
          return runPaperComparison(
            {
              encrypt: (m) => encrypt({ publicKey, m }),
              negate: (c) => modPow(c, nMinus1, publicKey.n2),
              add: (a, b) => add({ publicKey, a, b }),
              triple: (c) => modPow(c, 3n, publicKey.n2),
              encZero: 1n,
              encOne: publicKey.n + 1n,
              encMinusOne: modPow(publicKey.n + 1n, nMinus1, publicKey.n2),
              decrypt: (c) => decrypt({ privateKey: sk, c }),
            },
            parameters,
          );
        },
      },
    ],
    async close() {},
  };
}
