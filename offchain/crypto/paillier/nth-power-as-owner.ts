import { crtCombine } from "./crt-combine.js";
import { privateKeyContext } from "./private-key-context.js";
import type { PaillierPrivateKey } from "./types.js";

/**
 * r^n mod n² by the key owner: r^(n mod p(p−1)) mod p² and r^(n mod q(q−1)) mod q² (Euler,
 * φ(p²) = p(p−1), r ∈ Z*_n), recombined mod n² by the CRT (Garner). Half-size moduli and
 * exponents make it ≈ 3× faster than nthPower.
 */
export function nthPowerAsOwner(privateKey: PaillierPrivateKey, r: bigint): bigint {
  const { pSquared, qSquared } = privateKey;
  const context = privateKeyContext(privateKey);
  const modP = context.powPSquared(r % pSquared, privateKey.ownerExponentP);
  const modQ = context.powQSquared(r % qSquared, privateKey.ownerExponentQ);
  return crtCombine(modP, modQ, pSquared, qSquared, privateKey.qSquaredInverseModPSquared);
}
