import { SealedChainError } from "../errors.js";

/** Base class of every error thrown by offchain/storage. `code` is stable; match on it. */
export class StorageError extends SealedChainError {}

/** A string that is not a valid CID. */
export class InvalidCidError extends StorageError {
  readonly value: string;

  constructor({ value, cause }: { value: unknown; cause?: unknown }) {
    const shown = typeof value === "string" ? JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value) : typeof value;
    super("INVALID_CID", `Invalid CID: expected a CID string (e.g. "bafy…"), got ${shown}`, { cause });
    this.value = typeof value === "string" ? value : String(value);
  }
}

/** Nobody reachable (or, for fetchFrom, that one peer) supplied the content before the timeout. */
export class ContentNotFoundError extends StorageError {
  readonly cid: string;
  readonly timeoutMs: number;
  /** The one peer asked (fetchFrom); undefined when the whole network was asked. */
  readonly peerId: string | undefined;

  constructor({ cid, timeoutMs, peerId, cause }: { cid: string; timeoutMs: number; peerId?: string | undefined; cause?: unknown }) {
    const from = peerId === undefined ? "" : ` from peer ${peerId}`;
    super("CONTENT_NOT_FOUND", `Content ${cid} was not found${from} within ${timeoutMs} ms`, { cause });
    this.cid = cid;
    this.timeoutMs = timeoutMs;
    this.peerId = peerId;
  }
}

/** fetchFrom: the peer answered that it does not hold the content locally (status 1). */
export class ContentNotHeldError extends StorageError {
  readonly cid: string;
  readonly peerId: string;

  constructor({ cid, peerId }: { cid: string; peerId: string }) {
    super("CONTENT_NOT_HELD", `Peer ${peerId} does not hold ${cid}`);
    this.cid = cid;
    this.peerId = peerId;
  }
}

/**
 * fetchFrom / request: the peer broke the protocol — an unknown or error status, a
 * response shorter than declared, a declared length above maxBytes / maxResponseBytes, or
 * it does not speak the protocol at all. `reason` says which. `cid` is set for fetchFrom,
 * `protocol` for request.
 */
export class PeerProtocolError extends StorageError {
  readonly cid: string | undefined;
  readonly peerId: string;
  readonly reason: string;
  readonly protocol: string | undefined;

  constructor({
    cid,
    peerId,
    reason,
    protocol,
    cause,
  }: {
    cid?: string | undefined;
    peerId: string;
    reason: string;
    protocol?: string | undefined;
    cause?: unknown;
  }) {
    const what = cid !== undefined ? `the fetch of ${cid}` : `the ${protocol ?? "unknown-protocol"} request`;
    super("PEER_PROTOCOL_ERROR", `Peer ${peerId} answered ${what} wrongly: ${reason}`, { cause });
    this.cid = cid;
    this.peerId = peerId;
    this.reason = reason;
    this.protocol = protocol;
  }
}

/** Longest handler message carried by RemoteHandlerError (and sent by the server). */
export const MAX_REMOTE_HANDLER_MESSAGE_CHARS = 500;

/** request: the remote's handler for `protocol` threw (status 1); `remoteMessage` is its message (≤ 500 chars). */
export class RemoteHandlerError extends StorageError {
  readonly peerId: string;
  readonly protocol: string;
  readonly remoteMessage: string;

  constructor({ peerId, protocol, remoteMessage }: { peerId: string; protocol: string; remoteMessage: string }) {
    const shown = remoteMessage.slice(0, MAX_REMOTE_HANDLER_MESSAGE_CHARS);
    super("REMOTE_HANDLER_FAILED", `Peer ${peerId}'s handler for ${protocol} failed: ${shown}`);
    this.peerId = peerId;
    this.protocol = protocol;
    this.remoteMessage = shown;
  }
}

/** request: no response from that one peer within the timeout. */
export class RequestTimeoutError extends StorageError {
  readonly peerId: string;
  readonly protocol: string;
  readonly timeoutMs: number;

  constructor({ peerId, protocol, timeoutMs, cause }: { peerId: string; protocol: string; timeoutMs: number; cause?: unknown }) {
    super("REQUEST_TIMEOUT", `Peer ${peerId} did not answer the ${protocol} request within ${timeoutMs} ms`, { cause });
    this.peerId = peerId;
    this.protocol = protocol;
    this.timeoutMs = timeoutMs;
  }
}

/** Bytes returned for a CID do not hash to it. */
export class ContentIntegrityError extends StorageError {
  readonly cid: string;

  constructor({ cid, reason }: { cid: string; reason: string }) {
    super("CONTENT_INTEGRITY", `Content returned for ${cid} failed verification: ${reason}`);
    this.cid = cid;
  }
}

/** The caller's AbortSignal fired. */
export class StoreOperationAbortedError extends StorageError {
  readonly operation: string;
  readonly cid: string | undefined;

  constructor({ operation, cid, cause }: { operation: string; cid?: string; cause?: unknown }) {
    super("STORE_OPERATION_ABORTED", `${operation}${cid === undefined ? "" : ` ${cid}`} was aborted by the caller`, {
      cause,
    });
    this.operation = operation;
    this.cid = cid;
  }
}

/** Any other failure of a store operation; `cause` holds the underlying error. */
export class StoreOperationError extends StorageError {
  readonly operation: string;
  readonly cid: string | undefined;

  constructor({ operation, cid, cause }: { operation: string; cid?: string; cause?: unknown }) {
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    super("STORE_OPERATION_FAILED", `${operation}${cid === undefined ? "" : ` ${cid}`} failed${detail}`, { cause });
    this.operation = operation;
    this.cid = cid;
  }
}

/** The store was used after stop(). */
export class StoreStoppedError extends StorageError {
  constructor({ operation }: { operation: string }) {
    super("STORE_STOPPED", `Cannot ${operation}: the store has been stopped`);
  }
}

/** A parameter has the wrong type or value. */
export class InvalidStoreParameterError extends StorageError {
  readonly parameter: string;

  constructor({ parameter, expected, actual }: { parameter: string; expected: string; actual: string }) {
    super("INVALID_STORE_PARAMETER", `Invalid ${parameter}: expected ${expected}, got ${actual}`);
    this.parameter = parameter;
  }
}

/** A multiaddr string that cannot be parsed or lacks what is needed. */
export class InvalidMultiaddrError extends StorageError {
  readonly multiaddr: string;

  constructor({ multiaddr, reason, cause }: { multiaddr: string; reason: string; cause?: unknown }) {
    super("INVALID_MULTIADDR", `Invalid multiaddr ${JSON.stringify(multiaddr)}: ${reason}`, { cause });
    this.multiaddr = multiaddr;
  }
}

/** A loopback-only store was asked to listen on or dial a non-loopback address. */
export class NonLoopbackAddressError extends StorageError {
  readonly multiaddr: string;

  constructor({ multiaddr }: { multiaddr: string }) {
    super(
      "NON_LOOPBACK_ADDRESS",
      `Refusing non-loopback address ${multiaddr}: this store only uses 127.0.0.0/8 and ::1 (set loopbackOnly: false to allow others)`,
    );
    this.multiaddr = multiaddr;
  }
}

/** Dialling a peer failed. */
export class PeerDialError extends StorageError {
  readonly peerId: string;
  readonly multiaddrs: string[];

  constructor({ peerId, multiaddrs, cause }: { peerId: string; multiaddrs: string[]; cause?: unknown }) {
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    super("PEER_DIAL_FAILED", `Could not connect to peer ${peerId} at ${multiaddrs.join(", ")}${detail}`, { cause });
    this.peerId = peerId;
    this.multiaddrs = multiaddrs;
  }
}

/** A serialized libp2p private key that cannot be decoded. */
export class InvalidPeerIdentityError extends StorageError {
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super("INVALID_PEER_IDENTITY", `Invalid peer identity: ${reason}`, { cause });
  }
}

/** A Kubo RPC URL that is not an absolute http(s) URL. */
export class InvalidKuboUrlError extends StorageError {
  readonly url: string;

  constructor({ url, reason, cause }: { url: string; reason: string; cause?: unknown }) {
    super("INVALID_KUBO_URL", `Invalid Kubo RPC URL ${JSON.stringify(url)}: ${reason}`, { cause });
    this.url = url;
  }
}

/** The Kubo RPC endpoint could not be reached at all (connection refused, DNS, reset). */
export class KuboUnreachableError extends StorageError {
  readonly url: string;
  readonly operation: string;

  constructor({ url, operation, cause }: { url: string; operation: string; cause?: unknown }) {
    const detail = describeCause(cause);
    super("KUBO_UNREACHABLE", `Kubo RPC at ${url} is unreachable (${operation})${detail}`, { cause });
    this.url = url;
    this.operation = operation;
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return "";
  const inner = (cause as { cause?: unknown }).cause;
  if (inner instanceof Error) return `: ${cause.message} (${(inner as { code?: string }).code ?? inner.message})`;
  return `: ${cause.message}`;
}
