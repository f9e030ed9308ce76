import { assertCiphertext } from "./assert-ciphertext.js";
import { assertPrivateKey } from "./assert-private-key.js";
import { crtCombine } from "./crt-combine.js";
import { privateKeyContext } from "./private-key-context.js";
import type { PaillierPrivateKey } from "./types.js";

export interface DecryptParameters {
  privateKey: PaillierPrivateKey;
  /** Ciphertext in Z*_{n²}. */
  c: bigint;
}

/**
 * CRT decryption, Paillier (1999) §7: m_p = L_p(c^(p−1) mod p²) · h_p mod p, m_q likewise,
 * m = CRT(m_p, m_q) mod n, with L_p(x) = (x − 1)/p.
 *
 * c^(p−1) mod p² is computed as c^(p−2) · c: c^(p−1) mod p² is exactly 1 whenever m ≡ 0 (mod p)
 * — the zeros the quality comparison looks for — and OpenSSL refuses to return 1
 * (ENVIRONMENT.md); c^(p−2) mod p² is ±1 only for c ≡ ±1 (mod p²).
 */
export function decrypt({ privateKey, c }: DecryptParameters): bigint {
  assertPrivateKey(privateKey);
  assertCiphertext(privateKey.publicKey, c, "c");
  const { p, q, pSquared, qSquared } = privateKey;
  const context = privateKeyContext(privateKey);

  const cModP2 = c % pSquared;
  const cModQ2 = c % qSquared;
  const xp = (context.powPSquared(cModP2, p - 2n) * cModP2) % pSquared;
  const xq = (context.powQSquared(cModQ2, q - 2n) * cModQ2) % qSquared;
  const mp = (((xp - 1n) / p) * privateKey.hp) % p;
  const mq = (((xq - 1n) / q) * privateKey.hq) % q;

  // Garner: m = m_q + q · ((m_p − m_q) · q⁻¹ mod p).
  return crtCombine(mp, mq, p, q, privateKey.qInverseModP);
}
