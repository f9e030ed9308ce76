import type { ContentStoreWaitOptions } from "./content-store.js";
import {
  ContentNotFoundError,
  InvalidStoreParameterError,
  RequestTimeoutError,
  StorageError,
  StoreOperationAbortedError,
  StoreOperationError,
} from "./errors.js";
import { createOperationSignal } from "./operation-signal.js";
import { validateTimeout } from "./validate-timeout.js";

/** The ContentStore operations; `get`, `pin` and `fetchFrom` wait for content to be found. */
export type StoreOperation = "put" | "get" | "pin" | "has" | "fetchFrom" | "request";

export interface RunStoreOperationParameters<T> {
  operation: StoreOperation;
  /** The CID operated on; absent for `put`. */
  cid?: string | undefined;
  /** The one peer asked (`fetchFrom`, `request`), named by ContentNotFoundError / RequestTimeoutError on timeout. */
  peerId?: string | undefined;
  /** The protocol of a `request`, named by RequestTimeoutError. */
  protocol?: string | undefined;
  /** The caller's options, checked here: `timeoutMs` (default `defaultTimeoutMs`) and `signal`. */
  options: ContentStoreWaitOptions;
  defaultTimeoutMs: number;
  /** The adapter's work; it must honour `signal` (timeout or the caller's abort). */
  call: (signal: AbortSignal) => Promise<T>;
  /**
   * Adapter-specific mapping, tried on any failure that is not already a StorageError
   * before the abort/timeout checks (Kubo: network errors → KuboUnreachableError).
   * Returns undefined to leave the failure to the generic mapping.
   */
  mapError?: (cause: unknown) => StorageError | undefined;
  /** How StoreOperationError names the operation (default: `operation`). */
  failureLabel?: string;
}

/**
 * Runs one store operation under one AbortSignal (the caller's signal plus a timer) and
 * maps its failure to a StorageError: StorageErrors pass through, then `mapError`, then
 * StoreOperationAbortedError (the caller aborted), ContentNotFoundError (`get`/`pin`/
 * `fetchFrom` timed out), RequestTimeoutError (`request` timed out), StoreOperationError (anything else, `cause` kept).
 */
export async function runStoreOperation<T>({
  operation,
  cid,
  peerId,
  protocol,
  options,
  defaultTimeoutMs,
  call,
  mapError,
  failureLabel = operation,
}: RunStoreOperationParameters<T>): Promise<T> {
  if (options === null || typeof options !== "object") {
    throw new InvalidStoreParameterError({ parameter: "options", expected: "an object", actual: typeof options });
  }
  const timeoutMs = options.timeoutMs === undefined ? defaultTimeoutMs : validateTimeout(options.timeoutMs, "timeoutMs");
  const operationSignal = createOperationSignal({ timeoutMs, signal: options.signal });
  try {
    return await call(operationSignal.signal);
  } catch (cause) {
    if (cause instanceof StorageError) throw cause;
    const mapped = mapError?.(cause);
    if (mapped !== undefined) throw mapped;
    const withCid = cid === undefined ? {} : { cid };
    if (operationSignal.callerAborted()) throw new StoreOperationAbortedError({ operation, ...withCid, cause });
    if (operationSignal.timedOut() && cid !== undefined && (operation === "get" || operation === "pin" || operation === "fetchFrom")) {
      throw new ContentNotFoundError({ cid, timeoutMs, peerId, cause });
    }
    if (operationSignal.timedOut() && operation === "request" && peerId !== undefined && protocol !== undefined) {
      throw new RequestTimeoutError({ peerId, protocol, timeoutMs, cause });
    }
    throw new StoreOperationError({ operation: failureLabel, ...withCid, cause });
  } finally {
    operationSignal.dispose();
  }
}
