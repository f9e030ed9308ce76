import type { HTTPRPCOptions, KuboRPCClient } from "kubo-rpc-client";
import { CHUNK_SIZE_BYTES } from "./constants.js";
import { collectBytes } from "./collect-bytes.js";
import type { ContentStore, ContentStoreWaitOptions } from "./content-store.js";
import { InvalidStoreParameterError, KuboUnreachableError } from "./errors.js";
import { parseCid } from "./parse-cid.js";
import { runStoreOperation, type StoreOperation } from "./run-store-operation.js";
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

  #run<T>(
    operation: StoreOperation,
    cid: string | undefined,
    options: ContentStoreWaitOptions,
    call: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return runStoreOperation({
      operation,
      cid,
      options,
      defaultTimeoutMs: this.#c.defaultTimeoutMs,
      call,
      mapError: (cause) =>
        isNetworkError(cause) ? new KuboUnreachableError({ url: this.url, operation, cause }) : undefined,
      failureLabel: `Kubo ${operation} at ${this.url}`,
    });
  }
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = (error as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && NETWORK_ERROR_CODES.has(code)) return true;
  return error.name === "TypeError" && error.message === "fetch failed";
}

