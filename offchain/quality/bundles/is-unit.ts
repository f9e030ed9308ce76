/** True iff 0 < value and gcd(value, n) = 1 (Euclid): membership in Z*_n, or in Z*_{n²} together with value < n². */
export function isUnit(value: bigint, n: bigint): boolean {
  if (value <= 0n) return false;
  let [a, b] = [n, value % n];
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 1n;
}
