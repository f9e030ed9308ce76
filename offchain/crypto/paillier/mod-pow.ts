import { createModPow, type ModPow } from "./create-mod-pow.js";
import { describeValue } from "./describe-value.js";
import { PaillierParameterError } from "./errors.js";

/** Recently used public moduli and their exponentiators (creating one costs about one modexp). */
const CACHE_SIZE = 8;
const cache = new Map<bigint, ModPow>();

/**
 * base^exponent mod modulus, through OpenSSL when it can (see createModPow) and plain BigInt
 * otherwise. Keeps the exponentiators of the last 8 moduli, so use it for PUBLIC moduli only;
 * secret moduli (p², q²) get their own exponentiators held by the private key.
 */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (typeof modulus !== "bigint" || modulus < 1n) {
    throw new PaillierParameterError({ parameter: "modulus", expected: "a bigint ≥ 1", actual: describeValue(modulus) });
  }
  let exponentiator = cache.get(modulus);
  if (exponentiator === undefined) {
    exponentiator = createModPow(modulus);
    if (cache.size >= CACHE_SIZE) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) {
        cache.delete(oldest.value);
      }
    }
  } else {
    cache.delete(modulus);
  }
  cache.set(modulus, exponentiator);
  return exponentiator(base, exponent);
}
