import type { Libp2p, Stream } from "@libp2p/interface";
import type { Multiaddr } from "@multiformats/multiaddr";
import { PeerDialError } from "./errors.js";

export interface WithPeerStreamParameters<T> {
  libp2p: Libp2p;
  /** The one peer dialled; `addresses` all end in its /p2p/<peerId>. */
  peerId: string;
  addresses: Multiaddr[];
  protocol: string;
  /** The operation's signal (timeout + caller); when it fires the stream is aborted. */
  signal: AbortSignal;
  /** The error thrown when the peer does not speak `protocol`. */
  unsupported: (cause: unknown) => Error;
  /** The exchange on the negotiated stream; on failure the stream is aborted. */
  use: (stream: Stream) => Promise<T>;
}

/**
 * Opens a stream of `protocol` to exactly one peer (see openPeerStream), runs `use` on it,
 * aborts the stream when `signal` fires or `use` fails. Shared by fetchFrom and request.
 */
export async function withPeerStream<T>(parameters: WithPeerStreamParameters<T>): Promise<T> {
  const { signal, use } = parameters;
  const stream = await openPeerStream(parameters);
  const onAbort = (): void => stream.abort(new Error("aborted (timeout or caller)"));
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await use(stream);
  } catch (error) {
    stream.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/**
 * Dials the peer (reusing an open connection; Noise authenticates it as `peerId`) and opens
 * a `protocol` stream. A connection the peer has just closed can still look open here (the
 * stream then fails to open), so that case is retried once on a fresh connection.
 * Errors after `signal` fired pass through unmapped (the caller names the timeout/abort).
 * @throws PeerDialError, or `unsupported(cause)` when the peer does not speak the protocol
 */
export async function openPeerStream({
  libp2p,
  peerId,
  addresses,
  protocol,
  signal,
  unsupported,
}: Omit<WithPeerStreamParameters<unknown>, "use">): Promise<Stream> {
  for (let attempt = 1; ; attempt++) {
    let connection;
    try {
      connection = await libp2p.dial(addresses, { signal, force: attempt > 1 });
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw new PeerDialError({ peerId, multiaddrs: addresses.map(String), cause });
    }
    try {
      return await connection.newStream(protocol, { signal });
    } catch (cause) {
      if (signal.aborted) throw cause;
      if ((cause as Error | undefined)?.name === "UnsupportedProtocolError") throw unsupported(cause);
      if (attempt > 1) throw new PeerDialError({ peerId, multiaddrs: addresses.map(String), cause });
    }
  }
}
