import { crtCombine } from "./crt-combine.js";
import { privateKeyContext } from "./private-key-context.js";
import { randomUnit } from "./random-unit.js";
import type { PaillierPrivateKey } from "./types.js";

/**
 * A uniformly random n-th residue mod n² — distributed exactly as r^n mod n² for uniform
 * r ∈ Z*_n — at half the cost of computing r^n by the CRT.
 *
 * Why: Z*_{p²} ≅ Z_{p−1} × Z_p, and the n-th residues mod p² are its subgroup U_p of order
 * p − 1. The p-th power map sends u ∈ Z*_p (as u mod p²) bijectively onto U_p (it kills the Z_p
 * part and is invertible on Z_{p−1} since gcd(p, p−1) = 1), so u_p^p mod p² is uniform on U_p
 * for uniform u_p ∈ Z*_p; likewise mod q². Raising r^n's component r^p to the further power q
 * is also a bijection on U_p, so both constructions have the same (uniform) distribution.
 * Exponents p and q are half the length of n mod p(p−1). The nonce r with x = r^n exists and
 * recoverNonce finds it; it is just not drawn first.
 */
export function randomNthResidueAsOwner(privateKey: PaillierPrivateKey): bigint {
  const { p, q, pSquared, qSquared } = privateKey;
  const context = privateKeyContext(privateKey);
  const modP = context.powPSquared(randomUnit(p), p);
  const modQ = context.powQSquared(randomUnit(q), q);
  return crtCombine(modP, modQ, pSquared, qSquared, privateKey.qSquaredInverseModPSquared);
}
