import { mkdir, open, readFile, readdir, rm } from "node:fs/promises";
import path from "node:path";

import { writeFileAtomic } from "../chain/write-file-atomic.js";
import { describeValue } from "../describe-value.js";
import { dcmbDocuments } from "./dcmb-documents.js";
import { DcmbParameterError, DcmbQueueError } from "./errors.js";

export type QueuedItem = { id: string; batchId: number; index: number; bytes: Uint8Array; enqueuedAt: number };
export type QueueDrop = { batchId: number; index: number; reason: "expired" | "overflow" };
export type DurableQueueParameters = { directory: string; maxBytes: number; maxAgeMs: number; /** Clock for enqueue times and expiry (default Date.now). */ now?: () => number };

const ITEM_FORMAT = "sealedchain/dcmb-queue-item";
const ITEM_FILE = /^(\d{16})\.json$/;
const SEQUENCE_DIGITS = 16;

function positive(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) throw new DcmbParameterError({ name, problem: `expected a positive integer, got ${describeValue(value)}` });
  return value;
}

/**
 * The sender's outbox while the receiver is offline: messages in the order they were enqueued,
 * bounded by total payload bytes and by age. One file per item, `<16-digit sequence>.json`,
 * written atomically (temporary file, fsync, rename) and followed by an fsync of the folder;
 * reopening the folder after a restart gives the same items in the same order. Nothing is
 * dropped silently: every dropped item (overflow, expired) is returned so the caller can record
 * it on chain (IDcmbAuditTrail.recordFailedDelivery). Operations on one instance run one at a
 * time; one folder must have one instance.
 */
export class DurableQueue {
  readonly #directory: string;
  readonly #maxBytes: number;
  readonly #maxAgeMs: number;
  readonly #items: QueuedItem[];
  #bytes: number;
  #next: number;
  #tail: Promise<unknown> = Promise.resolve();

  readonly #now: () => number;

  private constructor(directory: string, maxBytes: number, maxAgeMs: number, items: QueuedItem[], next: number, now: () => number) {
    this.#now = now;
    this.#directory = directory;
    this.#maxBytes = maxBytes;
    this.#maxAgeMs = maxAgeMs;
    this.#items = items;
    this.#bytes = items.reduce((sum, item) => sum + item.bytes.length, 0);
    this.#next = next;
  }

  /** Opens (creating) the folder and loads its items, oldest first; removes leftover temporary
   * files; an unreadable item file is a DcmbQueueError (never skipped). */
  static async open({ directory, maxBytes, maxAgeMs, now = Date.now }: DurableQueueParameters): Promise<DurableQueue> {
    if (typeof directory !== "string" || directory === "") throw new DcmbParameterError({ name: "directory", problem: `expected a path, got ${describeValue(directory)}` });
    positive("maxBytes", maxBytes);
    positive("maxAgeMs", maxAgeMs);
    await mkdir(directory, { recursive: true });
    const names = (await readdir(directory)).sort();
    const items: QueuedItem[] = [];
    let next = 1;
    for (const name of names) {
      if (name.endsWith(".tmp")) {
        await rm(path.join(directory, name), { force: true }); // a write interrupted before its rename
        continue;
      }
      const match = ITEM_FILE.exec(name);
      if (match === null) continue;
      const id = match[1]!;
      try {
        const r = dcmbDocuments.parse(`queue item ${name}`, await readFile(path.join(directory, name)), {
          format: ITEM_FORMAT,
          version: 1,
          keys: ["batchId", "index", "enqueuedAt", "bytes"],
        });
        const bytes = r.string("bytes", Number.MAX_SAFE_INTEGER);
        items.push({ id, batchId: r.integer("batchId", 0), index: r.integer("index", 0), enqueuedAt: r.integer("enqueuedAt", 0), bytes: new Uint8Array(Buffer.from(bytes, "base64")) });
      } catch (cause) {
        throw new DcmbQueueError({ directory, problem: `item ${name} is unreadable (${(cause as Error).message}); move it away to continue` }, { cause });
      }
      next = Number(id) + 1;
    }
    return new DurableQueue(directory, maxBytes, maxAgeMs, items, next, now);
  }

  /** Appends an item. When it does not fit in maxBytes, the OLDEST items are dropped to make
   * room (reason "overflow"); an item larger than maxBytes is itself dropped and not stored. */
  enqueue(item: { batchId: number; index: number; bytes: Uint8Array }): Promise<{ dropped: QueueDrop[] }> {
    return this.#serial(async () => {
      if (!Number.isSafeInteger(item?.batchId) || item.batchId < 0) throw new DcmbParameterError({ name: "batchId", problem: `expected a non-negative integer, got ${describeValue(item?.batchId)}` });
      if (!Number.isSafeInteger(item.index) || item.index < 0) throw new DcmbParameterError({ name: "index", problem: `expected a non-negative integer, got ${describeValue(item.index)}` });
      if (!(item.bytes instanceof Uint8Array)) throw new DcmbParameterError({ name: "bytes", problem: `expected a Uint8Array, got ${describeValue(item.bytes)}` });
      if (item.bytes.length > this.#maxBytes) return { dropped: [{ batchId: item.batchId, index: item.index, reason: "overflow" as const }] };
      const dropped: QueueDrop[] = [];
      while (this.#bytes + item.bytes.length > this.#maxBytes) dropped.push(await this.#drop(this.#items[0]!, "overflow"));
      const id = String(this.#next++).padStart(SEQUENCE_DIGITS, "0");
      const queued: QueuedItem = { id, batchId: item.batchId, index: item.index, bytes: new Uint8Array(item.bytes), enqueuedAt: this.#now() };
      const document = { format: ITEM_FORMAT, version: 1, batchId: queued.batchId, index: queued.index, enqueuedAt: queued.enqueuedAt, bytes: Buffer.from(queued.bytes).toString("base64") };
      await writeFileAtomic({ path: this.#file(id), data: JSON.stringify(document), mode: 0o600 });
      await this.#syncDirectory();
      this.#items.push(queued);
      this.#bytes += queued.bytes.length;
      return { dropped };
    });
  }

  /** The oldest item, still queued. */
  peek(): Promise<QueuedItem | undefined> {
    return this.#serial(async () => this.#items[0]);
  }

  /** Removes an item after it was delivered; an item no longer queued (already removed or
   * dropped) is ignored. */
  remove(item: QueuedItem): Promise<void> {
    return this.#serial(async () => {
      const position = this.#items.findIndex((queued) => queued.id === item?.id);
      if (position < 0) return;
      await this.#unlink(position);
    });
  }

  /** Drops the items older than maxAgeMs at `nowMs` (reason "expired"), oldest first. */
  expire(nowMs: number = this.#now()): Promise<QueueDrop[]> {
    return this.#serial(async () => {
      const dropped: QueueDrop[] = [];
      for (const item of [...this.#items]) if (nowMs - item.enqueuedAt > this.#maxAgeMs) dropped.push(await this.#drop(item, "expired"));
      return dropped;
    });
  }

  size(): { items: number; bytes: number } {
    return { items: this.#items.length, bytes: this.#bytes };
  }

  #file(id: string): string {
    return path.join(this.#directory, `${id}.json`);
  }

  async #drop(item: QueuedItem, reason: QueueDrop["reason"]): Promise<QueueDrop> {
    await this.#unlink(this.#items.indexOf(item));
    return { batchId: item.batchId, index: item.index, reason };
  }

  async #unlink(position: number): Promise<void> {
    const [item] = this.#items.splice(position, 1);
    this.#bytes -= item!.bytes.length;
    await rm(this.#file(item!.id), { force: true });
    await this.#syncDirectory();
  }

  async #syncDirectory(): Promise<void> {
    const handle = await open(this.#directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  #serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(operation, operation);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
