import { expect } from "chai";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { hexlify, toUtf8Bytes } from "ethers";
import { network } from "hardhat";

import PlatformModule from "../../../ignition/modules/Platform.js";
import { connectDcmb } from "../../../offchain/chain/index.js";
import { createCsvTailSource, encodeMessage, generateSalt, type Argon2Params, type IntervalRule } from "../../../offchain/dcmb/index.js";
import { DCMB_DELIVERY_PROTOCOL, DcmbReceiver, DcmbSender, registerConditions } from "../../../offchain/dcmb/module/index.js";
import { setUpTorrentWorld, type TorrentWorld } from "../../helpers/torrent-world.js";

const connection = await network.create();
const OWNER = "materials-a"; // the machine owner (sender)
const MAKER = "chemicals-b"; // the machine manufacturer (receiver)
const RULES: IntervalRule[] = [
  { min: 5300, max: 5400, label: "maintenance imminent", severity: 4 },
  { min: 5400, max: 1_000_000, label: "maintenance overdue", severity: 5 },
];
/** TEST ONLY: light Argon2 so the many hashes of this file stay fast (the KAT covers OWASP). */
const PARAMS: Argon2Params = { memoryKiB: 1024, iterations: 1, parallelism: 1 };

describe("offchain/dcmb: a machine owner streams work-piece counts to the manufacturer; the chain holds only evidence (Stodt & Reich)", function () {
  this.timeout(120_000);
  let world: TorrentWorld;
  let csv: string;
  let clock = Date.UTC(2026, 10, 21, 6, 0, 0);
  const logs: string[] = [];
  const logger = (prefix: string) => ({ info: (m: string) => logs.push(`[${prefix}] ${m}`), warn: (m: string) => logs.push(`[${prefix}] WARN ${m}`), error: (m: string) => logs.push(`[${prefix}] ERROR ${m}`) });
  const conditionSalt = generateSalt();
  let sender: DcmbSender;
  let receiver: DcmbReceiver;

  const openSender = async (queue = { maxBytes: 1_000_000, maxAgeMs: 3_600_000 }) => {
    const owner = world.actors[OWNER]!;
    const { auditTrail, notifier } = connectDcmb({ deployment: world.deployment, runner: owner.party.signer });
    return DcmbSender.open({
      self: owner.party.address,
      auditTrail,
      notifier,
      registry: owner.party.registry,
      store: owner.store,
      source: createCsvTailSource({ file: csv, name: "work-pieces" }),
      receiver: world.actors[MAKER]!.party.address,
      rules: RULES,
      conditionSalt,
      intervalMs: 12 * 3_600_000, // the paper's "for each 12h"
      directory: path.join(world.home, "dcmb-sender"),
      queue,
      params: PARAMS,
      logger: logger("owner"),
      now: () => clock,
    });
  };

  before(async function () {
    world = await setUpTorrentWorld(connection, undefined, PlatformModule);
    csv = path.join(world.home, "counter.csv");
    await writeFile(csv, "time,value\n");
    const maker = world.actors[MAKER]!;
    const { auditTrail, notifier } = connectDcmb({ deployment: world.deployment, runner: maker.party.signer });
    await registerConditions({ notifier, receiver: maker.party.address, sender: world.actors[OWNER]!.party.address, rules: RULES, salt: conditionSalt, params: PARAMS });
    receiver = new DcmbReceiver({
      self: maker.party.address,
      signer: maker.party.signer,
      auditTrail,
      notifier,
      registry: maker.party.registry,
      store: maker.store,
      senders: [world.actors[OWNER]!.party.address],
      directory: path.join(world.home, "dcmb-receiver"),
      expected: [{ value: "5367", action: "schedule the service visit" }],
      params: PARAMS,
      logger: logger("maker"),
    });
    await receiver.start();
    sender = await openSender();
  });

  afterEach(function () {
    if (this.currentTest?.state === "failed") console.log(logs.join("\n"));
  });

  after(async function () {
    await receiver?.stop();
    await world?.stop();
  });

  it("the paper's case: 5367 maps to 'maintenance imminent', the manufacturer is notified, and 5367 appears nowhere on chain", async function () {
    await appendFile(csv, "2026-11-21T06:10:00Z,5290\n2026-11-21T09:00:00Z,5367\n");
    await sender.tick();
    const notifications = await receiver.pollNotifications();
    expect(notifications.map((n) => n.severity)).to.deep.equal([4]);
    clock += 12 * 3_600_000;
    await sender.tick(); // closes the 12 h interval: batch 1 recorded and delivered
    const inbox = (await readFile(receiver.inboxFile(world.actors[OWNER]!.party.address), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { value: string; batchId: number });
    expect(inbox.map((e) => [e.batchId, e.value])).to.deep.equal([[1, "5290"], [1, "5367"]]);
    const { auditTrail } = connectDcmb({ deployment: world.deployment, runner: connection.ethers.provider });
    const batch = await auditTrail.batch(world.actors[OWNER]!.party.address, world.actors[MAKER]!.party.address, 1);
    expect(batch.messageCount).to.equal(2n);
    expect(batch.acknowledgedAt).to.not.equal(0n);
    expect(logs.some((l) => l.includes('action "schedule the service visit"'))).to.equal(true);
    // Nothing on chain carries 5367: neither as text nor as a number, in any calldata or log.
    const text = hexlify(toUtf8Bytes("5367")).slice(2);
    const word = (5367).toString(16).padStart(64, "0");
    const provider = connection.ethers.provider;
    for (let n = 0; n <= (await provider.getBlockNumber()); n++) {
      const block = await provider.getBlock(n, true);
      for (const tx of block?.prefetchedTransactions ?? []) {
        expect(tx.data.includes(text) || tx.data.includes(word), `tx ${tx.hash}`).to.equal(false);
        for (const log of (await provider.getTransactionReceipt(tx.hash))?.logs ?? []) expect(log.data.includes(text) || log.data.includes(word)).to.equal(false);
      }
    }
  });

  it("tampered data, salt or proof and a message from a member it does not accept are refused", async function () {
    const owner = world.actors[OWNER]!;
    const maker = world.actors[MAKER]!;
    const inbox = (await readFile(receiver.inboxFile(owner.party.address), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const first = inbox[0] as { data: string; salt: string; proof: string[]; index: number; batchId: number };
    const base = { sender: owner.party.address, receiver: maker.party.address, batchId: first.batchId, index: first.index, count: 2, data: first.data, salt: first.salt, proof: first.proof };
    const send = (message: typeof base, from = owner) =>
      from.store.request([...maker.store.multiaddrs], DCMB_DELIVERY_PROTOCOL, encodeMessage(message), { maxResponseBytes: 4096 }).then(
        () => "accepted",
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
    expect(await send(base)).to.equal("accepted"); // a repeat is acknowledged again, written once
    expect(await send({ ...base, data: Buffer.from(JSON.stringify({ time: 0, name: "work-pieces", value: "5000" })).toString("base64") })).to.match(/root|proof|leaf/i);
    expect(await send({ ...base, salt: "0x" + "11".repeat(16) })).to.match(/root|proof|leaf/i);
    expect(await send({ ...base, proof: [] })).to.match(/root|proof|leaf/i);
    const stranger = world.actors["servicer-s"]!;
    expect(await send({ ...base, sender: stranger.party.address }, stranger)).to.match(/not one this receiver accepts/);
    expect(await send(base, stranger)).to.match(/registered peer/);
    const lines = (await readFile(receiver.inboxFile(owner.party.address), "utf8")).trim().split("\n");
    expect(lines).to.have.length(2);
  });

  it("the receiver goes offline: messages wait in the sender's queue (also across a sender restart) and arrive in order once it is back", async function () {
    await receiver.stop();
    await appendFile(csv, "2026-11-21T19:00:00Z,5371\n2026-11-21T21:00:00Z,5378\n");
    clock += 12 * 3_600_000;
    await sender.tick();
    expect(sender.queued.items).to.equal(2);
    sender = await openSender(); // a restart loses nothing queued
    expect(sender.queued.items).to.equal(2);
    await receiver.start();
    await sender.tick();
    expect(sender.queued.items).to.equal(0);
    const inbox = (await readFile(receiver.inboxFile(world.actors[OWNER]!.party.address), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { value: string; batchId: number; index: number });
    expect(inbox.map((e) => [e.batchId, e.index, e.value])).to.deep.equal([[1, 0, "5290"], [1, 1, "5367"], [2, 0, "5371"], [2, 1, "5378"]]);
  });

  it("what expires in the queue is recorded on chain as a failed delivery", async function () {
    await receiver.stop();
    sender = await openSender({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    await appendFile(csv, "2026-11-22T07:00:00Z,5390\n");
    clock += 12 * 3_600_000;
    await sender.tick();
    expect(sender.queued.items).to.equal(1);
    clock += 120_000;
    await sender.tick();
    expect(sender.queued.items).to.equal(0);
    const { auditTrail } = connectDcmb({ deployment: world.deployment, runner: connection.ethers.provider });
    const failed = await auditTrail.queryFilter(auditTrail.filters.DeliveryFailed(world.actors[OWNER]!.party.address));
    expect(failed.map((e) => [Number(e.args.batchId), Number(e.args.count), Number(e.args.reason)])).to.deep.equal([[3, 1, 1]]);
    await receiver.start();
  });

  it("what overflows the queue (oldest first) is recorded on chain as a failed delivery", async function () {
    await receiver.stop();
    sender = await openSender({ maxBytes: 600, maxAgeMs: 3_600_000 }); // room for one message (about 400 bytes), not two
    await appendFile(csv, "2026-11-22T19:00:00Z,5395\n2026-11-22T20:00:00Z,5398\n");
    clock += 12 * 3_600_000;
    await sender.tick();
    expect(sender.queued.items).to.equal(1);
    const { auditTrail } = connectDcmb({ deployment: world.deployment, runner: connection.ethers.provider });
    const failed = await auditTrail.queryFilter(auditTrail.filters.DeliveryFailed(world.actors[OWNER]!.party.address));
    expect(failed.map((e) => [Number(e.args.batchId), Number(e.args.count), Number(e.args.reason)]).at(-1)).to.deep.equal([4, 1, 2]);
    await receiver.start();
    await sender.tick();
    const inbox = (await readFile(receiver.inboxFile(world.actors[OWNER]!.party.address), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { value: string; batchId: number; index: number });
    expect(inbox.at(-1)).to.include({ batchId: 4, index: 1, value: "5398" });
  });
});
