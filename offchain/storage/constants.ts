/** Default time get/pin wait for content before ContentNotFoundError. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Largest accepted timeout (about 24 days; setTimeout's limit is 2^31-1 ms). */
export const MAX_TIMEOUT_MS = 2_147_483_647;
export const DEFAULT_LISTEN_ADDRESSES: readonly string[] = Object.freeze(["/ip4/127.0.0.1/tcp/0"]);
/** UnixFS chunk size used by both adapters: content up to this size is one raw block. */
export const CHUNK_SIZE_BYTES = 1_048_576;
