const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "NETWORK_ERROR",
  "TIMEOUT",
]);

/** True when `error` (or anything in its cause chain) says the node could not be reached,
 * as opposed to the node answering with an error. */
export function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; error?: unknown };
    if (typeof e.code === "string" && CONNECTION_CODES.has(e.code)) return true;
    const message = typeof e.message === "string" ? e.message : "";
    if (/ECONNREFUSED|ECONNRESET|fetch failed|socket hang up|other side closed|HHE706|connect to the network/i.test(message)) {
      return true;
    }
    current = e.cause ?? e.error;
  }
  return false;
}
