import type { Libp2p, Stream } from "@libp2p/interface";
import { parseCid } from "./parse-cid.js";
import {
  DIRECT_FETCH_PROTOCOL,
  DirectFetchStatus,
  MAX_CID_REQUEST_BYTES,
  MAX_CONCURRENT_SERVES,
  MAX_FETCH_STREAMS_PER_PEER,
  MAX_INBOUND_STREAMS_PER_CONNECTION,
  REQUEST_READ_TIMEOUT_MS,
  encodeDirectFetchResponseHeader,
} from "./direct-fetch-protocol.js";
import type { LocalContentComponents } from "./local-content.js";
import { openLocalContent } from "./local-content.js";
import { sendWithBackpressure } from "./send-with-backpressure.js";
import { StreamReader } from "./stream-reader.js";

/** Two varint bytes encode up to 16 383, enough for MAX_CID_REQUEST_BYTES. */
const MAX_LENGTH_PREFIX_BYTES = 2;

/**
 * Serves /sealedchain/fetch/1.0.0 from the local blockstore (see direct-fetch-protocol.ts).
 * At most MAX_CONCURRENT_SERVES streams at once; stop() unregisters the protocol and
 * aborts the streams still being served.
 */
export class DirectFetchServer {
  readonly #libp2p: Libp2p;
  readonly #content: LocalContentComponents;
  readonly #active = new Set<AbortController>();

  private constructor(libp2p: Libp2p, content: LocalContentComponents) {
    this.#libp2p = libp2p;
    this.#content = content;
  }

  /** Registers the protocol handler on a started node. */
  static async start(content: LocalContentComponents): Promise<DirectFetchServer> {
    const server = new DirectFetchServer(content.helia.libp2p, content);
    await content.helia.libp2p.handle(DIRECT_FETCH_PROTOCOL, (stream) => server.#serve(stream), {
      maxInboundStreams: MAX_INBOUND_STREAMS_PER_CONNECTION,
      maxOutboundStreams: MAX_FETCH_STREAMS_PER_PEER,
    });
    return server;
  }

  /** Fetches being served right now. */
  get activeServes(): number {
    return this.#active.size;
  }

  async stop(): Promise<void> {
    await this.#libp2p.unhandle(DIRECT_FETCH_PROTOCOL);
    for (const controller of this.#active) controller.abort(new Error("store stopping"));
  }

  async #serve(stream: Stream): Promise<void> {
    const controller = new AbortController();
    const onAbort = (): void => stream.abort(controller.signal.reason as Error);
    controller.signal.addEventListener("abort", onAbort, { once: true });
    this.#active.add(controller);
    try {
      if (this.#active.size > MAX_CONCURRENT_SERVES) {
        await this.#answer(stream, DirectFetchStatus.INTERNAL_ERROR);
        return;
      }
      await this.#respond(stream, controller.signal);
    } catch (error) {
      stream.abort(error instanceof Error ? error : new Error(String(error)));
    } finally {
      controller.signal.removeEventListener("abort", onAbort);
      this.#active.delete(controller);
    }
  }

  async #respond(stream: Stream, signal: AbortSignal): Promise<void> {
    const reader = new StreamReader(stream);
    const requestTimer = setTimeout(
      () => stream.abort(new Error(`request not received within ${REQUEST_READ_TIMEOUT_MS} ms`)),
      REQUEST_READ_TIMEOUT_MS,
    );
    let text: string | undefined;
    try {
      const length = await reader.readVarint(MAX_LENGTH_PREFIX_BYTES);
      if (length !== undefined && length > 0 && length <= MAX_CID_REQUEST_BYTES) {
        const bytes = await reader.read(length);
        if (bytes.length === length) text = decodeUtf8(bytes);
      }
    } finally {
      clearTimeout(requestTimer);
    }
    await reader.release();
    let cid;
    try {
      if (text === undefined) throw new Error("malformed request");
      cid = parseCid(text);
    } catch {
      await this.#answer(stream, DirectFetchStatus.BAD_REQUEST);
      return;
    }

    let opened;
    try {
      opened = await openLocalContent(this.#content, cid, signal);
    } catch {
      signal.throwIfAborted();
      await this.#answer(stream, DirectFetchStatus.INTERNAL_ERROR);
      return;
    }
    if (opened.status !== "ok") {
      await this.#answer(stream, opened.status === "not-held" ? DirectFetchStatus.NOT_HELD : DirectFetchStatus.BAD_REQUEST);
      return;
    }

    // From here on the status is sent: a failure can only abort the stream (the client sees a short read).
    await sendWithBackpressure(stream, encodeDirectFetchResponseHeader(DirectFetchStatus.OK, opened.size), signal);
    let sent = 0n;
    for await (const chunk of opened.chunks) {
      sent += BigInt(chunk.length);
      if (sent > opened.size) throw new Error(`content longer than its declared ${opened.size} bytes`);
      await sendWithBackpressure(stream, chunk, signal);
    }
    if (sent !== opened.size) throw new Error(`content shorter (${sent}) than its declared ${opened.size} bytes`);
    await stream.close({ signal });
  }

  async #answer(stream: Stream, status: DirectFetchStatus): Promise<void> {
    stream.send(encodeDirectFetchResponseHeader(status));
    await stream.close({ signal: AbortSignal.timeout(REQUEST_READ_TIMEOUT_MS) });
  }
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
