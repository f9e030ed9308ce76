import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";

import { getAddress, type Signer } from "ethers";

import type { IConsortiumRegistry, IDcmbAuditTrail, IHashedConditionNotifier } from "../../../types/ethers-contracts/index.js";
import type { RequestingStore } from "../../storage/index.js";
import { decodeMessage, verifyMessage, type Argon2Params, type DcmbReading } from "../index.js";
import { DCMB_DELIVERY_PROTOCOL, encodeDeliveryAck, signDeliveryAck } from "./delivery-ack.js";
import type { DcmbLogger } from "./dcmb-sender.js";

/** Algorithm 2: a value the receiver knows and the action to run when a delivered reading has it. */
export type ExpectedValue = { value: string; action: string };

export type DcmbNotification = { conditionId: bigint; sender: string; severity: number; conditionHash: string; blockNumber: number };

export type DcmbReceiverParameters = {
  self: string;
  signer: Signer;
  auditTrail: IDcmbAuditTrail;
  notifier: IHashedConditionNotifier;
  registry: Pick<IConsortiumRegistry, "member">;
  store: RequestingStore;
  /** Members it accepts data from; anything else is refused. */
  senders: readonly string[];
  /** `<participant>/dcmb/receiver`: inbox/<sender>.jsonl, one verified reading per line with
   * its exact data, salt and proof, so `dcmb:verify` can check it against the chain later. */
  directory: string;
  expected?: readonly ExpectedValue[];
  params?: Argon2Params;
  logger: DcmbLogger;
  /** Called for every verified reading (after it is written to the inbox). */
  onReading?: (reading: DcmbReading, from: string) => void | Promise<void>;
  /** Called for every Notified event addressed to this receiver (the "hook" of Algorithm 5). */
  onNotification?: (notification: DcmbNotification) => void | Promise<void>;
};

/**
 * The receiver side of the Data Communication Module: answers the delivery protocol on the
 * participant's node. Each message is accepted only from a configured sender whose
 * registered peer id is the stream's Noise-authenticated peer, and only if Argon2id(data ‖
 * salt) and its proof lead to the root the sender recorded on chain; the reading goes to the
 * inbox (once), Algorithm 2 actions run for expected values, and the signed acknowledgement
 * goes back. A complete batch is acknowledged on chain. Notifications addressed to it are
 * followed with `pollNotifications`.
 */
export class DcmbReceiver {
  readonly #p: DcmbReceiverParameters;
  readonly #received = new Map<string, Set<number>>();
  #unregister: (() => Promise<void>) | undefined;
  #notificationsFrom = 0;

  constructor(p: DcmbReceiverParameters) {
    this.#p = p;
  }

  async start(): Promise<void> {
    await mkdir(path.join(this.#p.directory, "inbox"), { recursive: true, mode: 0o700 });
    this.#unregister = this.#p.store.handleRequests(DCMB_DELIVERY_PROTOCOL, (request, from) => this.#accept(request, from.peerId), { maxRequestBytes: 64 * 1024 });
  }

  async stop(): Promise<void> {
    await this.#unregister?.();
    this.#unregister = undefined;
  }

  inboxFile(sender: string): string {
    return path.join(this.#p.directory, "inbox", `${getAddress(sender)}.jsonl`);
  }

  async #accept(request: Uint8Array, peerId: string): Promise<Uint8Array> {
    const message = decodeMessage(request);
    const sender = getAddress(message.sender);
    if (!this.#p.senders.some((s) => getAddress(s) === sender)) throw new Error(`sender ${sender} is not one this receiver accepts data from`);
    if (getAddress(message.receiver) !== getAddress(this.#p.self)) throw new Error(`message for ${message.receiver}, not for this receiver`);
    const { profile } = await this.#p.registry.member(sender);
    if (profile.peerId !== peerId) throw new Error(`stream from peer ${peerId}, but ${sender} registered peer ${profile.peerId}`);
    const batch = await this.#p.auditTrail.batch(sender, this.#p.self, message.batchId).catch(() => undefined);
    if (batch === undefined || batch.root === "0x" + "0".repeat(64)) throw new Error(`batch ${message.batchId} of ${sender} is not recorded on chain`);
    if (Number(batch.messageCount) !== message.count) throw new Error(`batch ${message.batchId} has ${batch.messageCount} messages on chain, the message says ${message.count}`);
    const verdict = await verifyMessage({ message, root: batch.root, ...(this.#p.params === undefined ? {} : { params: this.#p.params }) });
    if (!verdict.ok) {
      this.#p.logger.warn(`batch ${message.batchId} message ${message.index} from ${sender} refused: ${verdict.problem}`);
      throw new Error(verdict.problem);
    }
    const key = `${sender}:${message.batchId}`;
    const seen = this.#received.get(key) ?? (await this.#seenInInbox(sender, message.batchId));
    this.#received.set(key, seen);
    if (!seen.has(message.index)) {
      seen.add(message.index);
      await appendFile(this.inboxFile(sender), JSON.stringify({ batchId: message.batchId, index: message.index, leaf: verdict.leaf, ...verdict.reading, data: message.data, salt: message.salt, proof: message.proof }) + "\n", { mode: 0o600 });
      for (const expected of this.#p.expected ?? []) {
        if (expected.value === verdict.reading.value) this.#p.logger.info(`reading ${verdict.reading.name} = an expected value: action "${expected.action}"`);
      }
      await this.#p.onReading?.(verdict.reading, sender);
      if (seen.size === message.count && batch.acknowledgedAt === 0n) {
        const receipt = await (await this.#p.auditTrail.acknowledgeBatch(sender, message.batchId, message.count)).wait();
        this.#p.logger.info(`batch ${message.batchId} from ${sender}: all ${message.count} message(s) verified against the on-chain root; acknowledged → tx ${receipt!.hash}`);
      }
    }
    const signature = await signDeliveryAck({ signer: this.#p.signer, sender, receiver: getAddress(this.#p.self), batchId: message.batchId, index: message.index, leaf: verdict.leaf });
    return encodeDeliveryAck({ batchId: message.batchId, index: message.index, leaf: verdict.leaf, signature });
  }

  /** Indexes of `batchId` already in the inbox (after a restart). */
  async #seenInInbox(sender: string, batchId: number): Promise<Set<number>> {
    const text = await readFile(this.inboxFile(sender), "utf8").catch(() => "");
    const seen = new Set<number>();
    for (const line of text.split("\n")) {
      if (line === "") continue;
      const entry = JSON.parse(line) as { batchId: number; index: number };
      if (entry.batchId === batchId) seen.add(entry.index);
    }
    return seen;
  }

  /** Reads the notifier's events for this receiver since the last call (Algorithm 5's "notify"). */
  async pollNotifications(): Promise<DcmbNotification[]> {
    const { notifier } = this.#p;
    const head = await notifier.runner!.provider!.getBlockNumber();
    if (head < this.#notificationsFrom) return [];
    const events = await notifier.queryFilter(notifier.filters.Notified(undefined, this.#p.self), this.#notificationsFrom, head);
    this.#notificationsFrom = head + 1;
    const notifications = events.map((e) => ({ conditionId: e.args.conditionId, sender: getAddress(e.args.sender), severity: Number(e.args.severity), conditionHash: e.args.conditionHash, blockNumber: e.blockNumber }));
    for (const n of notifications) {
      this.#p.logger.info(`NOTIFICATION from ${n.sender}: condition #${n.conditionId} (severity ${n.severity}) matched`);
      await this.#p.onNotification?.(n);
    }
    return notifications;
  }
}
