/**
 * /sealedchain/fetch/1.0.0 — ask ONE peer for content it holds locally.
 *
 * Request:  unsigned-varint length (1..MAX_CID_REQUEST_BYTES) + that many bytes of UTF-8 CID string.
 * Response: one status byte; for OK then a uint64 big-endian length and exactly that many
 *           content bytes, after which the server closes its side.
 *
 * The server answers only from its local blockstore (no bitswap) and sends the bytes as
 * stored, without re-hashing them: the client verifies them against the hash it knows.
 */
export const DIRECT_FETCH_PROTOCOL = "/sealedchain/fetch/1.0.0";

export const DirectFetchStatus = {
  OK: 0,
  NOT_HELD: 1,
  BAD_REQUEST: 2,
  /** Also sent when the server is at its limit of concurrent fetches. */
  INTERNAL_ERROR: 3,
} as const;
export type DirectFetchStatus = (typeof DirectFetchStatus)[keyof typeof DirectFetchStatus];

/** Longest CID string accepted in a request (a CIDv1 sha2-256 in base32 is 59 characters). */
export const MAX_CID_REQUEST_BYTES = 200;
/** The server drops a stream whose request has not fully arrived by then. */
export const REQUEST_READ_TIMEOUT_MS = 5_000;
/** Direct fetches served at once by one node; beyond that the answer is INTERNAL_ERROR. */
export const MAX_CONCURRENT_SERVES = 32;
/** Direct-fetch streams a client keeps open to one peer at once; further fetches wait. */
export const MAX_FETCH_STREAMS_PER_PEER = 8;
/**
 * Inbound streams of this protocol a server accepts per connection (libp2p resets the
 * extra ones). Twice the client's limit: a client may open its next stream while the
 * server has not yet seen the previous one close.
 */
export const MAX_INBOUND_STREAMS_PER_CONNECTION = 2 * MAX_FETCH_STREAMS_PER_PEER;
/** Status byte + uint64 length. */
export const RESPONSE_HEADER_BYTES = 9;

/** Encodes the request: unsigned varint (LEB128) length, then the UTF-8 CID string. */
export function encodeDirectFetchRequest(cid: string): Uint8Array {
  const text = new TextEncoder().encode(cid);
  const prefix: number[] = [];
  let length = text.length;
  do {
    const low = length & 0x7f;
    length >>>= 7;
    prefix.push(length === 0 ? low : low | 0x80);
  } while (length !== 0);
  const out = new Uint8Array(prefix.length + text.length);
  out.set(prefix, 0);
  out.set(text, prefix.length);
  return out;
}

/** Encodes the response header: the status byte, and for OK the uint64-BE content length. */
export function encodeDirectFetchResponseHeader(status: DirectFetchStatus, length?: bigint): Uint8Array {
  if (status !== DirectFetchStatus.OK) return Uint8Array.of(status);
  const header = new Uint8Array(RESPONSE_HEADER_BYTES);
  header[0] = status;
  new DataView(header.buffer).setBigUint64(1, length ?? 0n, false);
  return header;
}
