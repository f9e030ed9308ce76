/**
 * What the benchmark asks of each Paillier implementation. Every implementation works on
 * the SAME key (p, q), so timings and comparison answers are directly comparable.
 */

/** Per-operation benchmarks. Not every implementation offers every operation. */
export type OperationName =
  | "encrypt"
  | "encrypt-owner-crt"
  | "encrypt-pool-online"
  | "pool-precompute"
  | "decrypt"
  | "decrypt-lambda"
  | "add"
  | "negate-power"
  | "negate-inverse";

export interface OperationSpec {
  name: OperationName;
  label: string;
  /** Calls per timed sample (so µs-scale operations are not lost in timer noise). */
  inner: number;
}

/** One table row per operation, in report order. */
export const OPERATIONS: readonly OperationSpec[] = [
  { name: "encrypt", label: "encrypt (public key, g^m·r^n)", inner: 1 },
  { name: "encrypt-owner-crt", label: "encrypt by key owner (CRT)", inner: 1 },
  { name: "pool-precompute", label: "pool: precompute one r^n (offline)", inner: 4 },
  { name: "encrypt-pool-online", label: "encrypt from pool (online)", inner: 20 },
  { name: "decrypt", label: "decrypt (CRT)", inner: 1 },
  { name: "decrypt-lambda", label: "decrypt, paper eq. (4) C^λ mod n²", inner: 1 },
  { name: "add", label: "homomorphic add", inner: 300 },
  { name: "negate-power", label: "negate by C^(n−1) (paper eq. 5)", inner: 1 },
  { name: "negate-inverse", label: "negate by modular inverse", inner: 10 },
];

export interface OperationSample {
  /** Mean time of one call within this sample, ns. */
  nsPerOp: number;
  /** The result decrypted to what the operation promises. */
  correct: boolean;
}

export type Relation = "lt" | "gt" | "eq";

/** Whether B decrypts both z vectors (2k decryptions) or only vector (1) (k). */
export type DecryptMode = "both" | "first";

export interface ComparisonParameters {
  x: number;
  y: number;
  bitLength: number;
  decrypt: DecryptMode;
}

/** One full comparison: B encrypts, A computes both z vectors, B decrypts and answers. */
export interface ComparisonSample {
  relation: Relation;
  /** Highest differing bit (LSB-first weight), −1 when X = Y or not disclosed. */
  index: number;
  encryptions: number;
  negations: number;
  decryptions: number;
  ns: {
    /** Offline work before X and Y are known (nonce pool); 0 when none. */
    offline: number;
    encrypt: number;
    compute: number;
    decrypt: number;
    /** encrypt + compute + decrypt: everything after X and Y are known. */
    online: number;
  };
}

export interface BenchKey {
  bits: number;
  p: bigint;
  q: bigint;
}

export interface Implementation {
  /** Stable id used in JSON ("gmp", "paillier-bigint", "sealedchain", …). */
  id: string;
  label: string;
  /** Operations this implementation offers. */
  operations: readonly OperationName[];
  /** Comparison variants (e.g. with and without a nonce pool), each measured separately. */
  comparisonVariants: readonly ComparisonVariant[];
  /** Switch to `key`; called once per bit size before any measurement. */
  setKey(key: BenchKey): Promise<void>;
  /** One timed sample of `inner` calls of `op`. */
  measureOperation(op: OperationName, inner: number): Promise<OperationSample>;
  close(): Promise<void>;
}

export interface ComparisonVariant {
  /** Id unique across implementations ("gmp", "sealedchain-pool", …). */
  id: string;
  label: string;
  /** paillier-bigint-speed variants get fewer repetitions. */
  slow: boolean;
  run(parameters: ComparisonParameters): Promise<ComparisonSample>;
}
