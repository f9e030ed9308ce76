import type { Stream } from "@libp2p/interface";

/** What a libp2p 3 stream yields and accepts: Uint8Array or Uint8ArrayList. */
type StreamChunk = Parameters<Stream["send"]>[0];

/**
 * Reads exact byte counts from a libp2p 3 stream (an AsyncIterable of Uint8Array or
 * Uint8ArrayList chunks). One iterator for the stream's whole life, so no chunk is lost
 * between reads. It does not watch a signal: to give up, abort the stream, which ends the
 * iteration with the abort error.
 */
export class StreamReader {
  readonly #iterator: AsyncIterator<StreamChunk>;
  /** Bytes received but not consumed yet. */
  #pending: Uint8Array[] = [];
  #ended = false;

  constructor(source: AsyncIterable<StreamChunk>) {
    this.#iterator = source[Symbol.asyncIterator]();
  }

  /**
   * Fills `target` from the stream; returns how many bytes were written, which is less
   * than target.length only when the remote ended its side first.
   */
  async readInto(target: Uint8Array): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      const segment = this.#pending.shift() ?? (await this.#next());
      if (segment === undefined) break;
      const take = Math.min(segment.length, target.length - filled);
      target.set(take === segment.length ? segment : segment.subarray(0, take), filled);
      filled += take;
      if (take < segment.length) this.#pending.unshift(segment.subarray(take));
    }
    return filled;
  }

  /** Reads exactly `length` bytes, or fewer when the remote ended first (check the length). */
  async read(length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    const filled = await this.readInto(out);
    return filled === length ? out : out.subarray(0, filled);
  }

  /** Reads an unsigned varint of at most `maxBytes` bytes; undefined on early end or overlong encoding. */
  async readVarint(maxBytes: number): Promise<number | undefined> {
    let value = 0;
    for (let index = 0; index < maxBytes; index++) {
      const [byte] = await this.read(1);
      if (byte === undefined) return undefined;
      value += (byte & 0x7f) * 2 ** (7 * index);
      if ((byte & 0x80) === 0) return value;
    }
    return undefined;
  }

  /** Stops listening to the stream (call when no read is pending). */
  async release(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    await this.#iterator.return?.();
  }

  async #next(): Promise<Uint8Array | undefined> {
    while (!this.#ended) {
      const { done, value } = await this.#iterator.next();
      if (done === true) {
        this.#ended = true;
        return undefined;
      }
      if (value instanceof Uint8Array) {
        if (value.length > 0) return value;
        continue;
      }
      const segments = [...value].filter((segment) => segment.length > 0);
      const [first, ...rest] = segments;
      if (first === undefined) continue;
      this.#pending.push(...rest);
      return first;
    }
    return undefined;
  }
}
