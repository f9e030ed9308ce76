/**
 * The x mod m·k with x ≡ a (mod m) and x ≡ b (mod k), for coprime m, k and
 * kInverseModM = k⁻¹ mod m (Garner's formula: x = b + k·((a − b)·k⁻¹ mod m)). Used with
 * (m, k) = (p, q) for decryption and nonce recovery, and (p², q²) for owner-side n-th powers.
 */
export function crtCombine(a: bigint, b: bigint, m: bigint, k: bigint, kInverseModM: bigint): bigint {
  let difference = ((a - b) * kInverseModM) % m;
  if (difference < 0n) difference += m;
  return b + k * difference;
}
