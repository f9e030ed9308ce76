import { InvalidStoreParameterError } from "./errors.js";

export interface OperationSignal {
  /** Fires on timeout or when the caller's signal fires. */
  signal: AbortSignal;
  timedOut(): boolean;
  callerAborted(): boolean;
  /** Clears the timer and the listener; call in `finally`. */
  dispose(): void;
}

/** One AbortSignal for a store operation: the caller's signal plus a timer. */
export function createOperationSignal({ timeoutMs, signal }: { timeoutMs: number; signal?: AbortSignal | undefined }): OperationSignal {
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidStoreParameterError({ parameter: "signal", expected: "an AbortSignal", actual: typeof signal });
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const onAbort = (): void => controller.abort(signal?.reason);
  if (signal?.aborted === true) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    callerAborted: () => signal?.aborted === true,
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  };
}
