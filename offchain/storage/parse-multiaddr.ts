import { multiaddr } from "@multiformats/multiaddr";
import type { Multiaddr } from "@multiformats/multiaddr";
import { InvalidMultiaddrError } from "./errors.js";

/** Parses a multiaddr string, throwing InvalidMultiaddrError naming it. */
export function parseMultiaddr(value: string): Multiaddr {
  if (typeof value !== "string" || value.length === 0) {
    throw new InvalidMultiaddrError({ multiaddr: String(value), reason: "expected a non-empty string" });
  }
  try {
    return multiaddr(value);
  } catch (cause) {
    throw new InvalidMultiaddrError({ multiaddr: value, reason: "cannot be parsed", cause });
  }
}
