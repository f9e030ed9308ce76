import { expect } from "chai";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { DcmbQueueError, DurableQueue } from "../../../offchain/dcmb/index.js";
import { rejection } from "./helpers.js";

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe("offchain/dcmb DurableQueue", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "sealedchain-dcmb-queue-"));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });
  const open = (maxBytes = 1000, maxAgeMs = 60_000) => DurableQueue.open({ directory, maxBytes, maxAgeMs });

  it("keeps order, peeks without removing, removes after delivery", async () => {
    const queue = await open();
    for (let i = 0; i < 5; i++) expect((await queue.enqueue({ batchId: 1, index: i, bytes: bytes(10, i) })).dropped).to.deep.equal([]);
    expect(queue.size()).to.deep.equal({ items: 5, bytes: 50 });
    const seen: number[] = [];
    for (let item = await queue.peek(); item !== undefined; item = await queue.peek()) {
      expect((await queue.peek())?.id).to.equal(item.id);
      expect(item.bytes[0]).to.equal(item.index);
      seen.push(item.index);
      await queue.remove(item);
      await queue.remove(item); // again: ignored
    }
    expect(seen).to.deep.equal([0, 1, 2, 3, 4]);
    expect(queue.size()).to.deep.equal({ items: 0, bytes: 0 });
    expect((await readdir(directory)).length).to.equal(0);
  });

  it("survives a restart with items and order, continuing the sequence", async () => {
    const first = await open();
    for (let i = 0; i < 3; i++) await first.enqueue({ batchId: 2, index: i, bytes: bytes(5, i) });
    await first.remove((await first.peek())!);
    await writeFile(path.join(directory, "0000000000000099.json.abc.tmp"), "half");
    const second = await open();
    expect(second.size()).to.deep.equal({ items: 2, bytes: 10 });
    await second.enqueue({ batchId: 3, index: 0, bytes: bytes(5, 9) });
    const order: string[] = [];
    for (let item = await second.peek(); item !== undefined; item = await second.peek()) {
      order.push(`${item.batchId}/${item.index}/${item.bytes[0]}`);
      await second.remove(item);
    }
    expect(order).to.deep.equal(["2/1/1", "2/2/2", "3/0/9"]);
    expect((await readdir(directory)).filter((n) => n.endsWith(".tmp"))).to.deep.equal([]);
  });

  it("drops the oldest on overflow and reports them", async () => {
    const queue = await open(30);
    for (let i = 0; i < 3; i++) await queue.enqueue({ batchId: 1, index: i, bytes: bytes(10) });
    const { dropped } = await queue.enqueue({ batchId: 2, index: 0, bytes: bytes(15) });
    expect(dropped).to.deep.equal([
      { batchId: 1, index: 0, reason: "overflow" },
      { batchId: 1, index: 1, reason: "overflow" },
    ]);
    expect(queue.size()).to.deep.equal({ items: 2, bytes: 25 });
    expect((await queue.peek())?.index).to.equal(2);
  });

  it("drops an item larger than maxBytes itself", async () => {
    const queue = await open(30);
    await queue.enqueue({ batchId: 1, index: 0, bytes: bytes(10) });
    expect((await queue.enqueue({ batchId: 1, index: 1, bytes: bytes(31) })).dropped).to.deep.equal([{ batchId: 1, index: 1, reason: "overflow" }]);
    expect(queue.size()).to.deep.equal({ items: 1, bytes: 10 });
  });

  it("expires items older than maxAgeMs and reports them", async () => {
    const queue = await open(1000, 1000);
    await queue.enqueue({ batchId: 1, index: 0, bytes: bytes(1) });
    const t0 = (await queue.peek())!.enqueuedAt;
    expect(await queue.expire(t0 + 1000)).to.deep.equal([]);
    expect(await queue.expire(t0 + 1001)).to.deep.equal([{ batchId: 1, index: 0, reason: "expired" }]);
    expect(queue.size().items).to.equal(0);
    expect(await queue.peek()).to.equal(undefined);
  });

  it("refuses an unreadable item file instead of skipping it", async () => {
    await writeFile(path.join(directory, "0000000000000001.json"), "{}");
    expect(await rejection(open())).to.be.instanceOf(DcmbQueueError).with.property("message").that.matches(/0000000000000001\.json/);
  });
});
