import type { ComparisonParameters, ComparisonSample, Relation } from "./types.js";

/** The homomorphic primitives the paper's comparison needs, from any implementation. */
export interface ComparisonPrimitives {
  /** B's encryption of one bit (Table I). */
  encrypt(m: bigint): bigint;
  /** Enc(−m) from Enc(m) (eq. 5, or an equivalent). */
  negate(c: bigint): bigint;
  /** Enc(a + b) from Enc(a), Enc(b). */
  add(a: bigint, b: bigint): bigint;
  /** Enc(3m) from Enc(m). */
  triple(c: bigint): bigint;
  /** Enc(0), Enc(1), Enc(−1) known to A without randomness (trivial ciphertexts). */
  encZero: bigint;
  encOne: bigint;
  encMinusOne: bigint;
  decrypt(c: bigint): bigint;
}

function now(): bigint {
  return process.hrtime.bigint();
}

/**
 * The comparison as Nasu et al. write it (Tables I, III, IV), over `primitives`; the same
 * steps, in the same order, as `compare` in gmp-reference.c:
 *   B: Enc(x_i), Enc(y_i), Enc(x_i ⊕ y_i) for i = 0 … k−1 (3k encryptions)
 *   A: from the most significant bit, Enc(z_i) = Enc(x_i) · Enc(−y_i) · Enc(3 Σ_{j>i} x_j ⊕ y_j) · Enc(±1)
 *      (k negations; LSB-first indices, so the paper's "j < i" from the MSB is j > i here)
 *   B: decrypts Enc(z_i) (both vectors, or vector (1) only, since z²_i = z¹_i − 2) and looks for 0.
 * `offlineNs` is whatever the caller precomputed before X and Y were known.
 */
export function runPaperComparison(
  primitives: ComparisonPrimitives,
  { x, y, bitLength: k, decrypt: mode }: ComparisonParameters,
  offlineNs = 0,
): ComparisonSample {
  const ex: bigint[] = [];
  const ey: bigint[] = [];
  const exor: bigint[] = [];
  const t0 = now();
  for (let i = 0; i < k; i++) {
    const xi = BigInt((x >>> i) & 1);
    const yi = BigInt((y >>> i) & 1);
    ex.push(primitives.encrypt(xi));
    ey.push(primitives.encrypt(yi));
    exor.push(primitives.encrypt(xi ^ yi));
  }
  const t1 = now();

  const z1: bigint[] = new Array<bigint>(k);
  const z2: bigint[] = new Array<bigint>(k);
  let sum = primitives.encZero;
  for (let i = k - 1; i >= 0; i--) {
    let t = primitives.add(ex[i]!, primitives.negate(ey[i]!));
    t = primitives.add(t, primitives.triple(sum));
    z1[i] = primitives.add(t, primitives.encOne);
    z2[i] = primitives.add(t, primitives.encMinusOne);
    sum = primitives.add(sum, exor[i]!);
  }
  const t2 = now();

  let index = -1;
  let relation: Relation = "eq";
  let decryptions = 0;
  for (let i = k - 1; i >= 0; i--) {
    const d1 = primitives.decrypt(z1[i]!);
    decryptions++;
    if (d1 === 0n && index < 0) [index, relation] = [i, "lt"];
    if (mode === "both") {
      const d2 = primitives.decrypt(z2[i]!);
      decryptions++;
      if (d2 === 0n && index < 0) [index, relation] = [i, "gt"];
    } else if (d1 === 2n && index < 0) {
      [index, relation] = [i, "gt"];
    }
  }
  const t3 = now();

  return {
    relation,
    index,
    encryptions: 3 * k,
    negations: k,
    decryptions,
    ns: {
      offline: offlineNs,
      encrypt: Number(t1 - t0),
      compute: Number(t2 - t1),
      decrypt: Number(t3 - t2),
      online: Number(t3 - t0),
    },
  };
}
