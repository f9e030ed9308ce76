import type { HTTPRPCOptions, KuboRPCClient } from "kubo-rpc-client";
import { CHUNK_SIZE_BYTES } from "./constants.js";
import { collectBytes } from "./collect-bytes.js";
import type { ContentStore, ContentStoreWaitOptions } from "./content-store.js";
import {
  ContentNotFoundError,
  InvalidStoreParameterError,
  KuboUnreachableError,
  StorageError,
  StoreOperationAbortedError,
  StoreOperationError,
} from "./errors.js";
import { createOperationSignal } from "./operation-signal.js";
import { parseCid } from "./parse-cid.js";
import { validateTimeout } from "./validate-timeout.js";
import { verifyContent } from "./verify-content.js";

/** Node's fetch reports connection-level failures as TypeError("fetch failed") with a system error cause. */
const NETWORK_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export interface KuboStoreComponents {
  client: KuboRPCClient;
  /** The RPC endpoint, for error messages. */
  url: string;
  defaultTimeoutMs: number;
}

/**
 * ContentStore over a Kubo daemon's RPC API. Adds with the same layout as the
 * embedded store (CIDv1, raw leaves, 1 MiB fixed-size chunks), pinned.
 * Create it with createKuboStore().
 */
export class KuboStore implements ContentStore {
  readonly url: string;
  readonly #c: KuboStoreComponents;

  constructor(components: KuboStoreComponents) {
    this.#c = components;
    this.url = components.url;
  }

  async put(bytes: Uint8Array): Promise<string> {
    if (!(bytes instanceof Uint8Array)) {
      throw new InvalidStoreParameterError({ parameter: "bytes", expected: "a Uint8Array", actual: typeof bytes });
    }
    return this.#run("put", undefined, {}, async (signal) => {
      const { cid } = await this.#c.client.add(bytes, {
        cidVersion: 1,
        rawLeaves: true,
        chunker: `size-${CHUNK_SIZE_BYTES}`,
        pin: true,
        signal,
      });
      return cid.toV1().toString();
    });
  }

  async get(cid: string, options: ContentStoreWaitOptions = {}): Promise<Uint8Array> {
    const parsed = parseCid(cid);
    return this.#run("get", cid, options, async (signal) => {
      const bytes = await collectBytes(this.#c.client.cat(parsed, { signal }));
      await verifyContent(parsed, bytes);
      return bytes;
    });
  }

  async pin(cid: string, options: ContentStoreWaitOptions = {}): Promise<void> {
    const parsed = parseCid(cid);
    await this.#run("pin", cid, options, async (signal) => {
      await this.#c.client.pin.add(parsed, { signal });
    });
  }

  /** True when the daemon holds the root block locally (asked with offline=true). */
  async has(cid: string): Promise<boolean> {
    const parsed = parseCid(cid);
    return this.#run("has", cid, {}, async (signal) => {
      try {
        await this.#c.client.block.stat(parsed, { signal, offline: true } as HTTPRPCOptions);
        return true;
      } catch (error) {
        if ((error as Error).name === "HTTPError") return false; // the daemon answered: not local
        throw error;
      }
    });
  }

  async #run<T>(
    operation: string,
    cid: string | undefined,
    options: ContentStoreWaitOptions,
    call: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (options === null || typeof options !== "object") {
      throw new InvalidStoreParameterError({ parameter: "options", expected: "an object", actual: typeof options });
    }
    const timeoutMs =
      options.timeoutMs === undefined ? this.#c.defaultTimeoutMs : validateTimeout(options.timeoutMs, "timeoutMs");
    const operationSignal = createOperationSignal({ timeoutMs, signal: options.signal });
    try {
      return await call(operationSignal.signal);
    } catch (cause) {
      if (cause instanceof StorageError) throw cause;
      if (isNetworkError(cause)) throw new KuboUnreachableError({ url: this.url, operation, cause });
      const withCid = cid === undefined ? {} : { cid };
      if (operationSignal.callerAborted()) throw new StoreOperationAbortedError({ operation, ...withCid, cause });
      if (operationSignal.timedOut() && cid !== undefined && operation !== "has") {
        throw new ContentNotFoundError({ cid, timeoutMs, cause });
      }
      throw new StoreOperationError({ operation: `Kubo ${operation} at ${this.url}`, ...withCid, cause });
    } finally {
      operationSignal.dispose();
    }
  }
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = (error as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && NETWORK_ERROR_CODES.has(code)) return true;
  return error.name === "TypeError" && error.message === "fetch failed";
}

