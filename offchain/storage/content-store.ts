/** Options of operations that may wait for the network. */
export interface ContentStoreWaitOptions {
  /** Give up after this many milliseconds (default: the store's defaultTimeoutMs). */
  timeoutMs?: number;
  /** Caller's cancellation. */
  signal?: AbortSignal;
}

/**
 * Content-addressed storage of byte strings, shared by every SealedChain part.
 * Implementations: EmbeddedStore (Helia in-process) and KuboStore (Kubo RPC).
 */
export interface ContentStore {
  /** Stores `bytes`, pins them locally, returns their CIDv1 (base32 string). */
  put(bytes: Uint8Array): Promise<string>;
  /**
   * Returns the bytes of `cid`, verified against it.
   * @throws InvalidCidError, ContentNotFoundError (timeout), ContentIntegrityError
   */
  get(cid: string, options?: ContentStoreWaitOptions): Promise<Uint8Array>;
  /** Fetches `cid` if needed and pins it so it is kept and served to others. */
  pin(cid: string, options?: ContentStoreWaitOptions): Promise<void>;
  /** True when the whole content is available locally (no network access). */
  has(cid: string): Promise<boolean>;
  stop?(): Promise<void>;
}
