import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";

import { getAddress } from "ethers";

import type { IConsortiumRegistry, IDcmbAuditTrail, IHashedConditionNotifier } from "../../../types/ethers-contracts/index.js";
import { writeFileAtomic } from "../../chain/index.js";
import type { RequestingStore } from "../../storage/index.js";
import {
  DurableQueue,
  argon2Hash,
  buildBatch,
  conditionHash,
  decodeMessage,
  encodeMessage,
  ruleFor,
  type Argon2Params,
  type DcmbReading,
  type DcmbReadingSource,
  type IntervalRule,
  type QueueDrop,
} from "../index.js";
import { DCMB_DELIVERY_PROTOCOL, decodeDeliveryAck, recoverDeliveryAck } from "./delivery-ack.js";

export type DcmbLogger = { info(message: string): void; warn(message: string): void; error(message: string): void };

export type DcmbSenderParameters = {
  /** The sender's wallet address; the contracts are connected to its signer. */
  self: string;
  auditTrail: IDcmbAuditTrail;
  notifier: IHashedConditionNotifier;
  registry: Pick<IConsortiumRegistry, "member">;
  store: RequestingStore;
  source: DcmbReadingSource;
  receiver: string;
  /** Interval rules (Algorithm 4) and the salt shared with the receiver for condition hashes. */
  rules: readonly IntervalRule[];
  conditionSalt: Uint8Array;
  intervalMs: number;
  /** `<participant>/dcmb/sender`: state.json and the queue. */
  directory: string;
  queue: { maxBytes: number; maxAgeMs: number };
  params?: Argon2Params;
  /** Algorithm 1 verbatim: also publish each message's hash and salt on chain. Off by default:
   * small value domains can be brute-forced from a public salt, Argon2 or not. */
  publicSalt?: boolean;
  logger: DcmbLogger;
  now?: () => number;
};

type SenderState = {
  /** Readings of the interval being collected. */
  intervalStart: number;
  readings: DcmbReading[];
  /** The source's position after those readings (sources that can resume). */
  sourcePosition?: string;
  /** A batch queued but whose root may not be on chain yet (crash between the two). */
  pendingRecord?: { batchId: number; root: string; count: number; intervalStart: number; intervalEnd: number };
};

/**
 * The sender side of the Data Communication Module (paper section 3.1, Algorithms 1 and 4):
 * collects readings per interval; for each reading that falls into a rule's interval posts
 * Argon2id(label ‖ salt) to the notifier; at the end of an interval builds the batch (leaf =
 * Argon2id(reading ‖ fresh salt), one Merkle root), queues its messages durably, records the
 * root on chain, and delivers the queue in order to the receiver over a Noise-encrypted
 * libp2p stream, keeping each signed acknowledgement's check. Messages that expire or
 * overflow in the queue are recorded on chain as failed deliveries. State survives restarts:
 * readings not yet batched are in state.json, batches not yet delivered are in the queue.
 */
export class DcmbSender {
  readonly #p: DcmbSenderParameters;
  readonly #queue: DurableQueue;
  #state: SenderState;
  readonly #stateFile: string;
  #lastLabelPosted: string | undefined;

  private constructor(p: DcmbSenderParameters, queue: DurableQueue, state: SenderState) {
    this.#p = p;
    this.#queue = queue;
    this.#state = state;
    this.#stateFile = path.join(p.directory, "state.json");
  }

  static async open(p: DcmbSenderParameters): Promise<DcmbSender> {
    await mkdir(p.directory, { recursive: true, mode: 0o700 });
    const queue = await DurableQueue.open({ directory: path.join(p.directory, "queue"), ...p.queue, ...(p.now === undefined ? {} : { now: p.now }) });
    const now = (p.now ?? Date.now)();
    const text = await readFile(path.join(p.directory, "state.json"), "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    const state: SenderState = text === undefined ? { intervalStart: now, readings: [] } : (JSON.parse(text) as SenderState);
    if (state.sourcePosition !== undefined) p.source.seek?.(state.sourcePosition);
    return new DcmbSender(p, queue, state);
  }

  get queued(): { items: number; bytes: number } {
    return this.#queue.size();
  }

  async #save(): Promise<void> {
    await writeFileAtomic({ path: this.#stateFile, data: JSON.stringify(this.#state), mode: 0o600 });
  }

  /** One cycle: collect, notify, close the interval if due, record what is pending, expire, deliver. */
  async tick(): Promise<void> {
    const now = (this.#p.now ?? Date.now)();
    await this.#recordPending();
    const readings = await this.#p.source.next();
    if (readings.length > 0) {
      this.#state.readings.push(...readings);
      const position = this.#p.source.position?.();
      if (position !== undefined) this.#state.sourcePosition = position;
      await this.#save();
      await this.#notify(readings);
    }
    if (now - this.#state.intervalStart >= this.#p.intervalMs) await this.#closeInterval(now);
    await this.#recordDrops(await this.#queue.expire(now));
    await this.#deliver();
  }

  /** Closes the current interval now, whatever its age (used at shutdown and in tests). */
  async flush(): Promise<void> {
    await this.#closeInterval((this.#p.now ?? Date.now)());
    await this.#deliver();
  }

  async #notify(readings: readonly DcmbReading[]): Promise<void> {
    for (const reading of readings) {
      const value = Number(reading.value);
      const rule = Number.isFinite(value) ? ruleFor(this.#p.rules, value) : undefined;
      if (rule === undefined) {
        this.#lastLabelPosted = undefined;
        continue;
      }
      if (rule.label === this.#lastLabelPosted) continue; // post when a label starts, not on every reading
      const hash = await conditionHash({ label: rule.label, salt: this.#p.conditionSalt, ...(this.#p.params === undefined ? {} : { params: this.#p.params }) });
      const receipt = await (await this.#p.notifier.post(this.#p.receiver, hash)).wait();
      this.#lastLabelPosted = rule.label;
      this.#p.logger.info(`reading ${reading.name} maps to a rule (severity ${rule.severity}); posted its hashed label → tx ${receipt!.hash}`);
    }
  }

  async #closeInterval(now: number): Promise<void> {
    await this.#recordPending();
    const { readings, intervalStart } = this.#state;
    if (readings.length === 0) {
      this.#state = { ...this.#state, intervalStart: now, readings: [] };
      await this.#save();
      return;
    }
    const batchId = Number(await this.#p.auditTrail.lastBatchId(this.#p.self, this.#p.receiver)) + 1;
    const start = Math.floor(intervalStart / 1000);
    const end = Math.max(start + 1, Math.ceil(now / 1000));
    const batch = await buildBatch({ sender: this.#p.self, receiver: this.#p.receiver, batchId, intervalStart: start, intervalEnd: end, readings, ...(this.#p.params === undefined ? {} : { params: this.#p.params }) });
    // Queue first, then record: a crash in between leaves pendingRecord, completed on the next tick.
    this.#state = { intervalStart: now, readings: [], ...(this.#state.sourcePosition === undefined ? {} : { sourcePosition: this.#state.sourcePosition }), pendingRecord: { batchId, root: batch.root, count: batch.messages.length, intervalStart: start, intervalEnd: end } };
    await this.#save();
    const drops: QueueDrop[] = [];
    for (const message of batch.messages) drops.push(...(await this.#queue.enqueue({ batchId, index: message.index, bytes: encodeMessage(message) })).dropped);
    await this.#recordPending();
    // Only now: a drop of this very batch can be recorded once its root is on chain.
    await this.#recordDrops(drops);
    if (this.#p.publicSalt === true) {
      for (const message of batch.messages) {
        const leaf = await argon2Hash({ data: Buffer.from(message.data, "base64"), salt: Buffer.from(message.salt.slice(2), "hex"), ...(this.#p.params === undefined ? {} : { params: this.#p.params }) });
        await (await this.#p.auditTrail.recordMessage(this.#p.receiver, leaf, message.salt)).wait();
      }
    }
  }

  async #recordPending(): Promise<void> {
    const pending = this.#state.pendingRecord;
    if (pending === undefined) return;
    const last = Number(await this.#p.auditTrail.lastBatchId(this.#p.self, this.#p.receiver));
    if (last < pending.batchId) {
      const receipt = await (await this.#p.auditTrail.recordBatch(this.#p.receiver, pending.batchId, pending.root, pending.count, pending.intervalStart, pending.intervalEnd)).wait();
      this.#p.logger.info(`batch ${pending.batchId}: ${pending.count} message(s) of interval ${new Date(pending.intervalStart * 1000).toISOString()}; Merkle root recorded → tx ${receipt!.hash}`);
    }
    delete this.#state.pendingRecord;
    await this.#save();
  }

  /** Every drop is recorded on chain, grouped per batch and reason: nothing is lost silently. */
  async #recordDrops(drops: readonly QueueDrop[]): Promise<void> {
    const groups = new Map<string, { batchId: number; reason: QueueDrop["reason"]; count: number }>();
    for (const drop of drops) {
      const key = `${drop.batchId}:${drop.reason}`;
      const group = groups.get(key) ?? { batchId: drop.batchId, reason: drop.reason, count: 0 };
      group.count++;
      groups.set(key, group);
    }
    for (const { batchId, reason, count } of groups.values()) {
      const receipt = await (await this.#p.auditTrail.recordFailedDelivery(this.#p.receiver, batchId, count, reason === "expired" ? 1 : 2)).wait();
      this.#p.logger.warn(`batch ${batchId}: ${count} message(s) ${reason} in the queue before the receiver took them; recorded as a failed delivery → tx ${receipt!.hash}`);
    }
  }

  async #deliver(): Promise<void> {
    const receiver = getAddress(this.#p.receiver);
    let multiaddrs: string[] | undefined;
    for (let item = await this.#queue.peek(); item !== undefined; item = await this.#queue.peek()) {
      multiaddrs ??= [...(await this.#p.registry.member(receiver)).profile.multiaddrs];
      let response: Uint8Array;
      try {
        response = await this.#p.store.request(multiaddrs, DCMB_DELIVERY_PROTOCOL, item.bytes, { maxResponseBytes: 4096, timeoutMs: 10_000 });
      } catch (error) {
        this.#p.logger.warn(`receiver ${receiver} unreachable or refused batch ${item.batchId} message ${item.index} (${error instanceof Error ? error.message.slice(0, 200) : String(error)}); ${this.#queue.size().items} message(s) wait in the queue`);
        return;
      }
      const ack = decodeDeliveryAck(response);
      const message = decodeMessage(item.bytes);
      const signer = recoverDeliveryAck({ sender: message.sender, receiver: message.receiver, batchId: ack.batchId, index: ack.index, leaf: ack.leaf, signature: ack.signature });
      if (signer !== receiver || ack.batchId !== item.batchId || ack.index !== item.index) {
        this.#p.logger.error(`batch ${item.batchId} message ${item.index}: acknowledgement not signed by the receiver or for another message; kept in the queue`);
        return;
      }
      await this.#queue.remove(item);
    }
  }
}
