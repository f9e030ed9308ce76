import { createDiffieHellman, type DiffieHellman } from "node:crypto";
import { bigintToBytes } from "./bigint-to-bytes.js";
import { bitLength } from "./bit-length.js";
import { describeValue } from "./describe-value.js";
import { PaillierParameterError } from "./errors.js";
import { modPowBigInt } from "./mod-pow-bigint.js";
import { modPowOpenSsl } from "./mod-pow-openssl.js";

/** (base, exponent) ↦ base^exponent mod m for the modulus m it was created for. */
export type ModPow = (base: bigint, exponent: bigint) => bigint;

/** OpenSSL's DH code accepts moduli of these sizes (ENVIRONMENT.md). */
const OPENSSL_MIN_BITS = 512;
const OPENSSL_MAX_BITS = 10_000;
/** 2^16 + 1: a 17-bit exponent, cheap in BigInt, for the self-test. */
const SELF_TEST_EXPONENT = 65_537n;

/**
 * Modular exponentiation bound to one modulus. Uses OpenSSL (modPowOpenSsl) when the modulus
 * is odd and 512–10,000 bits, the reduced base is in [2, m − 2] and the exponent ≥ 1; when
 * OpenSSL refuses (a result of 0, 1 or m − 1, or an answer that fails modPowOpenSsl's sanity
 * checks) it retries with exponent − 1 and multiplies by the base once; if that is refused too,
 * or OpenSSL is not usable, it falls back to modPowBigInt.
 *
 * The OpenSSL context is created on first use, self-tested against modPowBigInt on a short
 * exponent (a mismatch disables OpenSSL for this modulus), and kept: creating it costs about one modexp
 * (OpenSSL's DH parameter check tests the "prime"), so callers should keep the returned
 * function for as long as the modulus is in use (the Paillier keys do, in a WeakMap).
 */
export function createModPow(modulus: bigint): ModPow {
  if (typeof modulus !== "bigint" || modulus < 1n) {
    throw new PaillierParameterError({ parameter: "modulus", expected: "a bigint ≥ 1", actual: describeValue(modulus) });
  }
  const bits = bitLength(modulus);
  const modulusBytes = Math.ceil(bits / 8);
  let useOpenSsl = (modulus & 1n) === 1n && bits >= OPENSSL_MIN_BITS && bits <= OPENSSL_MAX_BITS;
  let exchange: DiffieHellman | undefined;

  return (base: bigint, exponent: bigint): bigint => {
    if (typeof base !== "bigint") {
      throw new PaillierParameterError({ parameter: "base", expected: "a bigint", actual: describeValue(base) });
    }
    if (typeof exponent !== "bigint" || exponent < 0n) {
      throw new PaillierParameterError({ parameter: "exponent", expected: "a bigint ≥ 0", actual: describeValue(exponent) });
    }
    let reduced = base % modulus;
    if (reduced < 0n) {
      reduced += modulus;
    }
    if (useOpenSsl && exponent >= 1n && reduced >= 2n && reduced <= modulus - 2n) {
      if (exchange === undefined) {
        try {
          const candidate = createDiffieHellman(bigintToBytes(modulus));
          // Self-test on a short exponent before trusting this undocumented route for the modulus.
          const probe = modPowOpenSsl(candidate, 3n, SELF_TEST_EXPONENT, modulus, modulusBytes);
          if (probe !== undefined && probe === modPowBigInt(3n, SELF_TEST_EXPONENT, modulus)) {
            exchange = candidate;
          } else {
            useOpenSsl = false;
          }
        } catch {
          useOpenSsl = false;
        }
      }
      if (exchange !== undefined) {
        const result = modPowOpenSsl(exchange, reduced, exponent, modulus, modulusBytes);
        if (result !== undefined) {
          return result;
        }
        if (exponent >= 2n) {
          const previous = modPowOpenSsl(exchange, reduced, exponent - 1n, modulus, modulusBytes);
          if (previous !== undefined) {
            return (previous * reduced) % modulus;
          }
        }
      }
    }
    return modPowBigInt(reduced, exponent, modulus);
  };
}
