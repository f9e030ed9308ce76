import { setTimeout as sleep } from "node:timers/promises";

/** Polls `check` every `intervalMs` until it returns true; throws `onTimeout()` after `timeoutMs`. */
export async function waitUntil({
  check,
  timeoutMs,
  intervalMs = 250,
  onTimeout,
}: {
  check: () => Promise<boolean>;
  timeoutMs: number;
  intervalMs?: number;
  onTimeout: () => Error;
}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() >= deadline) throw onTimeout();
    await sleep(intervalMs);
  }
}
