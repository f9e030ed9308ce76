import { add, encryptAsOwner, modPow, multiplyPlain, negate } from "../paillier/index.js";
import type { PaillierPrivateKey } from "../paillier/index.js";
import { assertCiphertextVector } from "./assert-ciphertext-vector.js";
import { InvalidComparisonParameterError } from "./errors.js";
import { challengeBits, oneIsZeroChallenge } from "./one-is-zero-challenge.js";
import { gcd, randomBits, randomUnit } from "./small-math.js";
import type { OneIsZeroProof } from "./types.js";

export interface ProveOneIsZeroParameters {
  privateKey: PaillierPrivateKey;
  /** The statement: one of these is an encryption of 0. */
  ciphertexts: readonly bigint[];
  /** Which one (the witness position; not revealed by the proof). */
  index: number;
  /** Its nonce v: v^n ≡ ciphertexts[index] (mod n²). */
  nonce: bigint;
  /** Bound into the challenge, e.g. "lt" or "gt". */
  label: string;
}

/**
 * Proves that SOME ciphertext in `ciphertexts` encrypts 0 without revealing which: an
 * OR-composition (Cramer, Damgård & Schoenmakers, CRYPTO '94) of the Σ-protocol for
 * n-th residuosity mod n² (Damgård & Jurik, PKC 2001, §5: u = v^n; commit a = ρ^n, answer
 * z = ρ·v^e, check z^n = a·u^e), made non-interactive with Fiat–Shamir.
 * For j ≠ index the transcript is simulated (random e_j, z_j; a_j = z_j^n·u_j^(−e_j));
 * the real challenge is e_index = H(…) − Σ_{j≠index} e_j mod 2^t. All k transcripts are
 * identically distributed, so the proof is witness-indistinguishable: it hides the index.
 * B holds the factors, so every z^n is computed with the CRT fast path (encryptAsOwner, m = 0).
 */
export function proveOneIsZero({ privateKey, ciphertexts, index, nonce, label }: ProveOneIsZeroParameters): OneIsZeroProof {
  const { publicKey } = privateKey;
  const { n } = publicKey;
  const k = assertCiphertextVector(publicKey, ciphertexts, "ciphertexts");
  if (!Number.isInteger(index) || index < 0 || index >= k) {
    throw new InvalidComparisonParameterError({ parameter: "index", expected: `an integer in [0, ${k})`, actual: String(index) });
  }
  if (typeof nonce !== "bigint" || nonce <= 0n || nonce >= n || gcd(nonce, n) !== 1n) {
    throw new InvalidComparisonParameterError({ parameter: "nonce", expected: "an element of Z*_n", actual: String(nonce) });
  }
  if (encryptAsOwner({ privateKey, m: 0n, r: nonce }) !== ciphertexts[index]) {
    throw new InvalidComparisonParameterError({
      parameter: "nonce",
      expected: `v with v^n ≡ ciphertexts[${index}] (mod n²)`,
      actual: "a value that does not open it to 0",
    });
  }

  const t = challengeBits(publicKey);
  const modulus = 1n << BigInt(t);
  const challenges = new Array<bigint>(k);
  const responses = new Array<bigint>(k);
  const commitments = new Array<bigint>(k);
  const rho = randomUnit(n);
  let simulatedSum = 0n;
  for (let j = 0; j < k; j++) {
    if (j === index) {
      commitments[j] = encryptAsOwner({ privateKey, m: 0n, r: rho });
      continue;
    }
    const e = randomBits(t);
    const z = randomUnit(n);
    const inverse = negate({ publicKey, c: ciphertexts[j]! });
    commitments[j] = add({ publicKey, a: encryptAsOwner({ privateKey, m: 0n, r: z }), b: multiplyPlain({ publicKey, c: inverse, k: e }) });
    challenges[j] = e;
    responses[j] = z;
    simulatedSum += e;
  }
  const e = oneIsZeroChallenge(publicKey, label, ciphertexts, commitments);
  const eIndex = (((e - simulatedSum) % modulus) + modulus) % modulus;
  challenges[index] = eIndex;
  responses[index] = (rho * modPow(nonce, eIndex, n)) % n;
  return { challenges, responses };
}
