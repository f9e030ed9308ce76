import type { Libp2p, Stream } from "@libp2p/interface";
import { InvalidStoreParameterError, MAX_REMOTE_HANDLER_MESSAGE_CHARS } from "./errors.js";
import {
  DEFAULT_MAX_REQUEST_BYTES,
  MAX_CONCURRENT_REQUESTS_PER_PROTOCOL,
  MAX_FRAME_BYTES,
  MAX_INBOUND_REQUEST_STREAMS_PER_CONNECTION,
  MAX_REQUEST_STREAMS_PER_PEER,
  REQUEST_BODY_TIMEOUT_MS,
  RequestStatus,
  decodeUint32,
  encodeResponseHeader,
  validateRequestProtocol,
} from "./request-response-protocol.js";
import { sendWithBackpressure } from "./send-with-backpressure.js";
import { StreamReader } from "./stream-reader.js";

/** Answers one request; `from.peerId` is the remote as authenticated by Noise. */
export type RequestHandler = (request: Uint8Array, from: { peerId: string }) => Promise<Uint8Array>;

export interface HandleRequestsOptions {
  /** Largest request accepted (default 1 MiB); a larger one is answered BAD_REQUEST before its body is read. */
  maxRequestBytes?: number;
  /** Largest response the handler may return (default 4 GiB − 1, the wire limit); a larger one is sent as a handler error. */
  maxResponseBytes?: number;
}

interface Registration {
  handler: RequestHandler;
  maxRequestBytes: number;
  maxResponseBytes: number;
  active: Set<AbortController>;
  /** libp2p's handle() (its peer-record update) still running. */
  handled: Promise<void>;
}

/**
 * The server side of the request/response protocols (see request-response-protocol.ts):
 * one libp2p handler per registered protocol, at most MAX_CONCURRENT_REQUESTS_PER_PROTOCOL
 * requests served at once per protocol (BUSY beyond) and
 * MAX_INBOUND_REQUEST_STREAMS_PER_CONNECTION streams per connection (libp2p resets more).
 */
export class RequestServer {
  readonly #libp2p: Libp2p;
  readonly #registrations = new Map<string, Registration>();

  constructor(libp2p: Libp2p) {
    this.#libp2p = libp2p;
  }

  /**
   * Registers `handler` for `protocol`; returns the unregister function (idempotent).
   * Synchronous: libp2p's registrar installs the handler before its first await (what
   * remains is recording the protocol in this node's own peer record, awaited by unregister).
   */
  register(protocol: string, handler: RequestHandler, options: HandleRequestsOptions = {}): () => Promise<void> {
    validateRequestProtocol(protocol);
    if (typeof handler !== "function") {
      throw new InvalidStoreParameterError({ parameter: "handler", expected: "a function", actual: typeof handler });
    }
    if (options === null || typeof options !== "object") {
      throw new InvalidStoreParameterError({ parameter: "options", expected: "an object", actual: String(options) });
    }
    const maxRequestBytes = checkLimit("maxRequestBytes", options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES);
    const maxResponseBytes = checkLimit("maxResponseBytes", options.maxResponseBytes ?? MAX_FRAME_BYTES);
    if (this.#registrations.has(protocol)) {
      throw new InvalidStoreParameterError({ parameter: "protocol", expected: "a protocol not registered yet", actual: `${protocol} (already registered)` });
    }
    const registration: Registration = { handler, maxRequestBytes, maxResponseBytes, active: new Set(), handled: Promise.resolve() };
    this.#registrations.set(protocol, registration);
    registration.handled = this.#libp2p
      .handle(protocol, (stream, connection) => this.#serve(registration, stream, connection.remotePeer.toString()), {
        maxInboundStreams: MAX_INBOUND_REQUEST_STREAMS_PER_CONNECTION,
        maxOutboundStreams: MAX_REQUEST_STREAMS_PER_PEER,
      })
      .catch(() => undefined); // only the self peer record update can fail here; the handler is installed
    return () => this.unregister(protocol, registration);
  }

  /** Unregisters `protocol` (only if `registration` is still the current one) and aborts its streams. */
  async unregister(protocol: string, registration?: Registration): Promise<void> {
    const current = this.#registrations.get(protocol);
    if (current === undefined || (registration !== undefined && current !== registration)) return;
    this.#registrations.delete(protocol);
    for (const controller of current.active) controller.abort(new Error(`${protocol} unregistered`));
    await current.handled;
    await this.#libp2p.unhandle(protocol);
  }

  async stop(): Promise<void> {
    for (const protocol of [...this.#registrations.keys()]) await this.unregister(protocol);
  }

  async #serve(registration: Registration, stream: Stream, peerId: string): Promise<void> {
    const controller = new AbortController();
    const onAbort = (): void => stream.abort(controller.signal.reason as Error);
    controller.signal.addEventListener("abort", onAbort, { once: true });
    registration.active.add(controller);
    try {
      if (registration.active.size > MAX_CONCURRENT_REQUESTS_PER_PROTOCOL) {
        await answer(stream, RequestStatus.BUSY, "busy: too many concurrent requests", controller.signal);
        return;
      }
      await this.#respond(registration, stream, peerId, controller.signal);
    } catch (error) {
      stream.abort(error instanceof Error ? error : new Error(String(error)));
    } finally {
      controller.signal.removeEventListener("abort", onAbort);
      registration.active.delete(controller);
    }
  }

  async #respond(registration: Registration, stream: Stream, peerId: string, signal: AbortSignal): Promise<void> {
    const reader = new StreamReader(stream);
    let request: Uint8Array | undefined;
    let refusal: string | undefined;
    const timer = setTimeout(
      () => stream.abort(new Error(`request not received within ${REQUEST_BODY_TIMEOUT_MS} ms`)),
      REQUEST_BODY_TIMEOUT_MS,
    );
    try {
      const prefix = await reader.read(4);
      if (prefix.length !== 4) refusal = "malformed request: the stream ended inside the length";
      else {
        const length = decodeUint32(prefix);
        if (length > registration.maxRequestBytes) {
          refusal = `request of ${length} bytes exceeds maxRequestBytes ${registration.maxRequestBytes}`;
        } else {
          const body = await reader.read(length);
          if (body.length !== length) refusal = `malformed request: ${body.length} of the declared ${length} bytes`;
          else request = body;
        }
      }
    } finally {
      clearTimeout(timer);
    }
    await reader.release();
    if (request === undefined) {
      await answer(stream, RequestStatus.BAD_REQUEST, refusal ?? "malformed request", signal);
      return;
    }

    let response: Uint8Array;
    try {
      response = await registration.handler(request, { peerId });
      if (!(response instanceof Uint8Array)) throw new Error(`the handler returned ${typeof response}, not a Uint8Array`);
      if (response.length > registration.maxResponseBytes) {
        throw new Error(`the handler's response of ${response.length} bytes exceeds maxResponseBytes ${registration.maxResponseBytes}`);
      }
    } catch (error) {
      signal.throwIfAborted();
      const message = error instanceof Error ? error.message : String(error);
      await answer(stream, RequestStatus.HANDLER_ERROR, message.slice(0, MAX_REMOTE_HANDLER_MESSAGE_CHARS), signal);
      return;
    }
    signal.throwIfAborted();
    await sendWithBackpressure(stream, encodeResponseHeader(RequestStatus.OK, response.length), signal);
    await sendWithBackpressure(stream, response, signal);
    await stream.close({ signal });
  }
}

/** Sends a non-OK status with its UTF-8 message and closes our side. */
async function answer(stream: Stream, status: RequestStatus, message: string, signal: AbortSignal): Promise<void> {
  const body = new TextEncoder().encode(message);
  await sendWithBackpressure(stream, encodeResponseHeader(status, body.length), signal);
  await sendWithBackpressure(stream, body, signal);
  await stream.close({ signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_BODY_TIMEOUT_MS)]) });
}

function checkLimit(parameter: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0 || value > MAX_FRAME_BYTES) {
    throw new InvalidStoreParameterError({ parameter, expected: `an integer from 0 to ${MAX_FRAME_BYTES}`, actual: String(value) });
  }
  return value;
}
