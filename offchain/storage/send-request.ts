import type { Stream } from "@libp2p/interface";
import { PeerProtocolError, RemoteHandlerError } from "./errors.js";
import {
  MAX_ERROR_MESSAGE_BYTES,
  RESPONSE_HEADER_BYTES,
  RequestStatus,
  decodeUint32,
  encodeUint32,
} from "./request-response-protocol.js";
import { sendWithBackpressure } from "./send-with-backpressure.js";
import { StreamReader } from "./stream-reader.js";

export interface SendRequestParameters {
  /** A stream already negotiated to `protocol`. */
  stream: Stream;
  protocol: string;
  /** The peer at the other end, for error messages. */
  peerId: string;
  body: Uint8Array;
  /** Refuse a declared response length above this before reading the response. */
  maxResponseBytes: number;
  /** The operation's signal; when it fires the caller aborts the stream and its error passes through unmapped. */
  signal: AbortSignal;
}

/**
 * The client side of a request/response protocol (see request-response-protocol.ts): sends
 * the length-prefixed request and half-closes while reading the status and the declared
 * length, then exactly that many bytes. The response header is read while the request is
 * still being sent, so a server that refuses an oversized request early is heard at once.
 * To give up early (timeout, caller abort), abort the stream.
 * @throws RemoteHandlerError (status 1), PeerProtocolError (any other non-OK status, a short
 *   response, a declared length above maxResponseBytes)
 */
export async function sendRequest({ stream, protocol, peerId, body, maxResponseBytes, signal }: SendRequestParameters): Promise<Uint8Array> {
  const fail = (reason: string, cause?: unknown): PeerProtocolError => new PeerProtocolError({ peerId, protocol, reason, cause });
  const guard = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw fail(`the stream failed while ${step}${cause instanceof Error ? ` (${cause.message})` : ""}`, cause);
    }
  };
  const reader = new StreamReader(stream);
  const sending = guard("sending the request", async () => {
    await sendWithBackpressure(stream, encodeUint32(body.length), signal);
    await sendWithBackpressure(stream, body, signal);
    await stream.close({ signal }); // our side is done: half-close
  });
  sending.catch(() => undefined); // awaited below once the response is OK; a refusal may come first

  const header = await guard("reading the response header", () => reader.read(RESPONSE_HEADER_BYTES));
  if (header.length !== RESPONSE_HEADER_BYTES) {
    throw fail(`the stream ended inside the response header (${header.length} of ${RESPONSE_HEADER_BYTES} bytes)`);
  }
  const status = header[0];
  const declared = decodeUint32(header.subarray(1));
  if (status !== RequestStatus.OK) {
    if (status !== RequestStatus.HANDLER_ERROR && status !== RequestStatus.BAD_REQUEST && status !== RequestStatus.BUSY) {
      throw fail(`unknown status byte ${status}`);
    }
    if (declared > MAX_ERROR_MESSAGE_BYTES) throw fail(`status ${status} with an error message of ${declared} bytes (at most ${MAX_ERROR_MESSAGE_BYTES})`);
    const messageBytes = await guard("reading the error message", () => reader.read(declared));
    if (messageBytes.length !== declared) throw fail(`short read: ${messageBytes.length} of the declared ${declared} message bytes`);
    const message = new TextDecoder().decode(messageBytes);
    if (status === RequestStatus.HANDLER_ERROR) throw new RemoteHandlerError({ peerId, protocol, remoteMessage: message });
    if (status === RequestStatus.BAD_REQUEST) throw fail(`the peer refused the request (status 2): ${message.slice(0, 500)}`);
    throw fail(`the peer is busy (status 3): ${message.slice(0, 500)}`);
  }
  if (declared > maxResponseBytes) {
    throw fail(`declared response length ${declared} bytes exceeds maxResponseBytes ${maxResponseBytes}`);
  }
  // OK means the server read the whole request, so the sending side must complete.
  await sending;
  const response = new Uint8Array(declared);
  const received = await guard(`reading the ${declared} declared response bytes (short read)`, () => reader.readInto(response));
  if (received !== declared) throw fail(`short read: ${received} of the declared ${declared} response bytes`);
  return response;
}
