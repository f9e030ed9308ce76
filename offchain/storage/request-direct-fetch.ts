import type { Stream } from "@libp2p/interface";
import {
  DirectFetchStatus,
  RESPONSE_HEADER_BYTES,
  encodeDirectFetchRequest,
} from "./direct-fetch-protocol.js";
import { ContentNotHeldError, PeerProtocolError } from "./errors.js";
import { StreamReader } from "./stream-reader.js";

export interface RequestDirectFetchParameters {
  /** A stream already negotiated to /sealedchain/fetch/1.0.0. */
  stream: Stream;
  cid: string;
  /** The peer at the other end, for error messages. */
  peerId: string;
  /** Refuse a declared length above this before reading the content. */
  maxBytes: number;
  /** The operation's signal; when it fires the caller aborts the stream and its error passes through unmapped. */
  signal: AbortSignal;
}

/**
 * The client side of /sealedchain/fetch/1.0.0 (see direct-fetch-protocol.ts): sends the
 * CID, reads the status and the declared length, then exactly that many bytes into one
 * buffer. The bytes are NOT checked against the CID (the caller holds the hash).
 * To give up early (timeout, caller abort), abort the stream.
 * @throws ContentNotHeldError (status 1), PeerProtocolError (any other non-OK status,
 * a short response, a declared length above maxBytes)
 */
export async function requestDirectFetch({
  stream,
  cid,
  peerId,
  maxBytes,
  signal,
}: RequestDirectFetchParameters): Promise<Uint8Array> {
  const fail = (reason: string, cause?: unknown): PeerProtocolError => new PeerProtocolError({ cid, peerId, reason, cause });
  const reader = new StreamReader(stream);
  // A reset or a closed connection ends the read with an error: a short read, unless we aborted.
  const guard = async <T>(step: string, read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw fail(`the stream failed while ${step}${cause instanceof Error ? ` (${cause.message})` : ""}`, cause);
    }
  };
  await guard("sending the request", async () => {
    stream.send(encodeDirectFetchRequest(cid));
    await stream.close({ signal }); // our side is done: half-close, then read the answer
  });

  const [status] = await guard("reading the status byte", () => reader.read(1));
  if (status === undefined) throw fail("the stream ended before the status byte");
  if (status === DirectFetchStatus.NOT_HELD) throw new ContentNotHeldError({ cid, peerId });
  if (status === DirectFetchStatus.BAD_REQUEST) throw fail("the peer rejected the request as malformed (status 2)");
  if (status === DirectFetchStatus.INTERNAL_ERROR) throw fail("the peer reported an internal error or is busy (status 3)");
  if (status !== DirectFetchStatus.OK) throw fail(`unknown status byte ${status}`);

  const lengthBytes = await guard("reading the length", () => reader.read(RESPONSE_HEADER_BYTES - 1));
  if (lengthBytes.length !== RESPONSE_HEADER_BYTES - 1) {
    throw fail(`the stream ended inside the length field (${lengthBytes.length} of 8 bytes)`);
  }
  const declared = new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8).getBigUint64(0, false);
  if (declared > BigInt(maxBytes)) {
    stream.abort(new Error(`declared length ${declared} exceeds maxBytes ${maxBytes}`));
    throw fail(`declared length ${declared} bytes exceeds maxBytes ${maxBytes}`);
  }
  const content = new Uint8Array(Number(declared));
  const received = await guard(`reading the ${declared} declared content bytes (short read)`, () => reader.readInto(content));
  if (received !== content.length) throw fail(`short read: ${received} of the declared ${declared} bytes`);
  return content;
}
