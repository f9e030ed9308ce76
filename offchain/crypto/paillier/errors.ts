import { SealedChainError } from "../../errors.js";

/** Base class of every error thrown by the Paillier module. `code` is stable; match on it. */
export class PaillierError extends SealedChainError {}

/**
 * A parameter other than a key, ciphertext, plaintext or nonce has the wrong type or value
 * (e.g. `bits` not an even integer, a pool `size` that is negative).
 */
export class PaillierParameterError extends PaillierError {
  readonly parameter: string;

  constructor({ parameter, expected, actual }: { parameter: string; expected: string; actual: string }) {
    super("PAILLIER_PARAMETER", `Invalid ${parameter}: expected ${expected}, got ${actual}`);
    this.parameter = parameter;
  }
}

/** A ciphertext is not a bigint in Z*_{n²} (0 < c < n², gcd(c, n) = 1). */
export class PaillierCiphertextError extends PaillierError {
  readonly parameter: string;

  constructor({ parameter, actual }: { parameter: string; actual: string }) {
    super(
      "PAILLIER_CIPHERTEXT",
      `Invalid ciphertext ${parameter}: expected a bigint in Z*_{n²} (0 < c < n², gcd(c, n) = 1), got ${actual}`,
    );
    this.parameter = parameter;
  }
}

/**
 * A plaintext or scalar is not a bigint in its range: [0, n) for plaintexts, (−n, n) for the
 * signed constants of addPlain and multiplyPlain. The message never contains the value.
 */
export class PaillierPlaintextRangeError extends PaillierError {
  readonly parameter: string;

  constructor({ parameter, expected, actual }: { parameter: string; expected: string; actual: string }) {
    super("PAILLIER_PLAINTEXT_RANGE", `Invalid plaintext ${parameter}: expected ${expected}, got ${actual}`);
    this.parameter = parameter;
  }
}

/** An encryption nonce r is not a bigint in Z*_n (0 < r < n, gcd(r, n) = 1). */
export class PaillierNonceError extends PaillierError {
  readonly parameter: string;

  constructor({ parameter, actual }: { parameter: string; actual: string }) {
    super(
      "PAILLIER_NONCE",
      `Invalid nonce ${parameter}: expected a bigint in Z*_n (0 < r < n, gcd(r, n) = 1), got ${actual}`,
    );
    this.parameter = parameter;
  }
}

/**
 * A key is malformed or inconsistent: not created by this module, primes that are not prime
 * or equal, gcd(n, φ(n)) ≠ 1, a paillier-bigint key with g ≠ n+1 or without its primes, …
 */
export class PaillierKeyError extends PaillierError {
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super("PAILLIER_KEY", `Invalid Paillier key: ${reason}`, { cause });
    this.reason = reason;
  }
}

/**
 * The modulus is shorter than the secure minimum (2048 bits) and `allowInsecureKeySize`
 * was not set, or shorter than the absolute minimum (16 bits) even with it.
 */
export class PaillierInsecureKeyError extends PaillierError {
  readonly bits: number;
  readonly minimum: number;

  constructor({ bits, minimum, allowInsecureKeySize }: { bits: number; minimum: number; allowInsecureKeySize: boolean }) {
    super(
      "PAILLIER_INSECURE_KEY",
      `Paillier modulus of ${bits} bits is below the minimum of ${minimum} bits` +
        (allowInsecureKeySize ? "" : " (smaller keys only with allowInsecureKeySize: true, for tests and the paper's demo key)"),
    );
    this.bits = bits;
    this.minimum = minimum;
  }
}

/** A nonce pool is empty, or belongs to another public key. */
export class PaillierNoncePoolError extends PaillierError {
  readonly reason: string;

  constructor({ reason }: { reason: string }) {
    super("PAILLIER_NONCE_POOL", `Nonce pool cannot be used: ${reason}`);
    this.reason = reason;
  }
}

/** A serialized key is not valid JSON of the expected shape and scheme. */
export class PaillierJsonError extends PaillierError {
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super("PAILLIER_JSON", `Invalid serialized Paillier key: ${reason}`, { cause });
    this.reason = reason;
  }
}
