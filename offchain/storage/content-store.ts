/** Options of operations that may wait for the network. */
export interface ContentStoreWaitOptions {
  /** Give up after this many milliseconds (default: the store's defaultTimeoutMs). */
  timeoutMs?: number;
  /** Caller's cancellation. */
  signal?: AbortSignal;
}

/** Options of fetchFrom (direct fetch from one peer). */
export interface DirectFetchOptions extends ContentStoreWaitOptions {
  /** Largest content accepted; a peer declaring more is refused before its bytes are read. */
  maxBytes: number;
}

/** Options of EmbeddedStore.request (request/response with one peer). */
export interface RequestOptions extends ContentStoreWaitOptions {
  /** Largest response accepted; a peer declaring more is refused before the response is read. */
  maxResponseBytes: number;
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
  /**
   * Asks exactly one peer (all `multiaddrs` end in its /p2p/<peerId>) for content it holds
   * locally, over /sealedchain/fetch/1.0.0, and returns the bytes it sent UNVERIFIED: the
   * caller checks them against the hash it holds. Only EmbeddedStore implements it (Kubo
   * does not speak the protocol).
   * @throws ContentNotHeldError, PeerProtocolError, PeerDialError, ContentNotFoundError (timeout)
   */
  fetchFrom?(multiaddrs: string[], cid: string, options: DirectFetchOptions): Promise<Uint8Array>;
  stop?(): Promise<void>;
}

/** What a caller that fetches from one specific owner needs (EmbeddedStore provides it). */
export type DirectFetchingStore = Pick<ContentStore, "put" | "get" | "pin" | "has"> &
  Required<Pick<ContentStore, "fetchFrom">>;
