import type { Stream } from "@libp2p/interface";

/**
 * Queues `bytes` on a libp2p 3 stream and, when the muxer's buffer is full, waits for it
 * to drain (back-pressure). Used by both sides of /sealedchain/fetch and of the
 * request/response protocols.
 */
export async function sendWithBackpressure(stream: Stream, bytes: Uint8Array, signal: AbortSignal): Promise<void> {
  if (bytes.length === 0) return;
  if (!stream.send(bytes)) await stream.onDrain({ signal });
}
