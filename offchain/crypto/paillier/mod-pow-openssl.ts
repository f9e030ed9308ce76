import type { DiffieHellman } from "node:crypto";
import { bigintToBytes } from "./bigint-to-bytes.js";
import { bytesToBigint } from "./bytes-to-bigint.js";

/**
 * base^exponent mod m through OpenSSL's constant-time modexp, reached via finite-field
 * Diffie–Hellman: with the "prime" set to m, computeSecret(base) returns base^privateKey mod m
 * (/work/shared/ENVIRONMENT.md, "Cryptography speed"). Not a documented use of the API.
 *
 * `exchange` is createDiffieHellman(m) for an odd m of 512–10,000 bits; the caller ensures
 * 2 ≤ base ≤ m − 2 and exponent ≥ 1. Returns undefined when OpenSSL refuses — it does for a
 * result of 0, 1 or m − 1 (ERR_CRYPTO_INVALID_KEYTYPE) — and whenever the answer does not look
 * like a genuine one: Node 22 / OpenSSL 3.5 was seen returning an EMPTY buffer instead of
 * throwing, and all-zero buffers for moduli under 512 bits. So only a buffer of exactly m's
 * byte length holding a value in [2, m − 2] is trusted; the caller computes anything else
 * another way. The exponent and result buffers are wiped.
 */
export function modPowOpenSsl(exchange: DiffieHellman, base: bigint, exponent: bigint, modulus: bigint, modulusBytes: number): bigint | undefined {
  const exponentBytes = bigintToBytes(exponent);
  let secret: Buffer | undefined;
  try {
    exchange.setPrivateKey(exponentBytes);
    secret = exchange.computeSecret(bigintToBytes(base));
    if (secret.length !== modulusBytes) {
      return undefined;
    }
    const result = bytesToBigint(secret);
    return result >= 2n && result <= modulus - 2n ? result : undefined;
  } catch {
    return undefined;
  } finally {
    exponentBytes.fill(0);
    secret?.fill(0);
  }
}
