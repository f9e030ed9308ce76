import { DIRECT_FETCH_PROTOCOL } from "./direct-fetch-protocol.js";
import { InvalidStoreParameterError } from "./errors.js";

/**
 * Generic request/response between members (EmbeddedStore.handleRequests / request), on any
 * protocol id under /sealedchain/ (except the direct fetch's).
 *
 * Request:  uint32 big-endian length + that many bytes; the client then half-closes.
 * Response: one status byte + uint32 big-endian length + that many bytes: for OK the
 *           handler's response, for the other statuses a UTF-8 message. Then the server closes.
 */
export const RequestStatus = {
  OK: 0,
  /** The handler threw; the body is its message (at most 500 characters). */
  HANDLER_ERROR: 1,
  /** Request over the handler's maxRequestBytes, malformed, or not received in time. */
  BAD_REQUEST: 2,
  /** The server is at its limit of concurrent requests for this protocol. */
  BUSY: 3,
} as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

export const REQUEST_PROTOCOL_PREFIX = "/sealedchain/";
/** Largest value of the uint32 length fields. */
export const MAX_FRAME_BYTES = 0xffff_ffff;
export const DEFAULT_MAX_REQUEST_BYTES = 1_048_576;
/** The server aborts a stream whose request has not fully arrived by then. */
export const REQUEST_BODY_TIMEOUT_MS = 5_000;
/** Requests one node serves at once per protocol; beyond that the answer is BUSY. */
export const MAX_CONCURRENT_REQUESTS_PER_PROTOCOL = 32;
/** Request streams a client keeps open to one peer per protocol; further requests wait their turn. */
export const MAX_REQUEST_STREAMS_PER_PEER = 8;
/** Inbound streams per connection and protocol the server accepts (twice the client's limit, as for the fetch). */
export const MAX_INBOUND_REQUEST_STREAMS_PER_CONNECTION = 2 * MAX_REQUEST_STREAMS_PER_PEER;
/** The client refuses an error message longer than this (the server sends at most 500 characters). */
export const MAX_ERROR_MESSAGE_BYTES = 4_096;
/** Status byte + uint32 length. */
export const RESPONSE_HEADER_BYTES = 5;

/** Checks a protocol id for handleRequests / request: "/sealedchain/…", printable ASCII, not the direct fetch's. */
export function validateRequestProtocol(protocol: unknown): string {
  if (
    typeof protocol !== "string" ||
    !protocol.startsWith(REQUEST_PROTOCOL_PREFIX) ||
    protocol.length <= REQUEST_PROTOCOL_PREFIX.length ||
    protocol.length > 200 ||
    !/^[\x21-\x7e]+$/.test(protocol) ||
    protocol === DIRECT_FETCH_PROTOCOL
  ) {
    throw new InvalidStoreParameterError({
      parameter: "protocol",
      expected: `a protocol id starting with ${REQUEST_PROTOCOL_PREFIX} (printable ASCII, at most 200 characters, not ${DIRECT_FETCH_PROTOCOL})`,
      actual: typeof protocol === "string" ? JSON.stringify(protocol.slice(0, 100)) : typeof protocol,
    });
  }
  return protocol;
}

export function encodeUint32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, false);
  return out;
}

export function decodeUint32(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
}

export function encodeResponseHeader(status: RequestStatus, length: number): Uint8Array {
  const out = new Uint8Array(RESPONSE_HEADER_BYTES);
  out[0] = status;
  new DataView(out.buffer).setUint32(1, length, false);
  return out;
}
