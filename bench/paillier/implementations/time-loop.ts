/** Mean ns per call of `inner` calls of `fn`. */
export function timeLoop(inner: number, fn: () => void): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < inner; i++) fn();
  return Number(process.hrtime.bigint() - t0) / inner;
}
