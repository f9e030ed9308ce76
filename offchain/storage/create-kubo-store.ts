import { create } from "kubo-rpc-client";
import { DEFAULT_TIMEOUT_MS } from "./constants.js";
import { InvalidKuboUrlError } from "./errors.js";
import { KuboStore } from "./kubo-store.js";
import { validateTimeout } from "./validate-timeout.js";

export interface CreateKuboStoreParameters {
  /** Kubo RPC endpoint, e.g. "http://127.0.0.1:5001" (the /api/v0 path is added by the client). */
  url: string;
  /** Timeout of get/pin/put/has when the call gives none (default 30 000 ms). */
  defaultTimeoutMs?: number;
}

export type CreateKuboStoreResult = KuboStore;

/** A ContentStore backed by a Kubo daemon. Does not contact the daemon until first use. */
export function createKuboStore({ url, defaultTimeoutMs = DEFAULT_TIMEOUT_MS }: CreateKuboStoreParameters): CreateKuboStoreResult {
  if (typeof url !== "string" || url.length === 0) {
    throw new InvalidKuboUrlError({ url: String(url), reason: "expected a non-empty string" });
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new InvalidKuboUrlError({ url, reason: "not an absolute URL", cause });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new InvalidKuboUrlError({ url, reason: `expected http: or https:, got ${parsed.protocol}` });
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw new InvalidKuboUrlError({ url, reason: "credentials in the URL are not accepted (use a reverse proxy or headers)" });
  }
  if (parsed.search !== "" || parsed.hash !== "") {
    throw new InvalidKuboUrlError({ url, reason: "query strings and fragments are not accepted" });
  }
  validateTimeout(defaultTimeoutMs, "defaultTimeoutMs");
  const shown = `${parsed.origin}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  // A string, not the URL object: the client rewrites the object's path to /api/v0.
  const client = create({ url: parsed.href });
  return new KuboStore({ client, url: shown, defaultTimeoutMs });
}
