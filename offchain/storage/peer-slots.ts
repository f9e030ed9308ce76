/**
 * At most `limit` concurrent operations per peer; the rest wait in order. fetchFrom uses it
 * so that it never opens more direct-fetch streams to one peer than that peer accepts per
 * connection (libp2p resets the extra ones).
 */
export class PeerSlots {
  readonly #limit: number;
  readonly #peers = new Map<string, { active: number; waiting: Array<() => void> }>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Resolves with a release function once a slot for `peerId` is free; rejects when `signal` fires first. */
  async acquire(peerId: string, signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    let peer = this.#peers.get(peerId);
    if (peer === undefined) {
      peer = { active: 0, waiting: [] };
      this.#peers.set(peerId, peer);
    }
    const entry = peer;
    if (entry.active >= this.#limit) {
      await new Promise<void>((resolve, reject) => {
        const wake = (): void => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = (): void => {
          entry.waiting.splice(entry.waiting.indexOf(wake), 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        entry.waiting.push(wake);
      });
    } else {
      entry.active++;
    }
    // A woken waiter inherits the releasing operation's slot (active is not decremented then).
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = entry.waiting.shift();
      if (next !== undefined) {
        next();
        return;
      }
      entry.active--;
      if (entry.active === 0) this.#peers.delete(peerId);
    };
  }
}
