import { expect } from "chai";

import {
  DcmbFormatError,
  type DcmbMessage,
  type DcmbReading,
  buildBatch,
  decodeMessage,
  decodeReadingData,
  encodeMessage,
  encodeReadingData,
  verifyMessage,
} from "../../../offchain/dcmb/index.js";
import { FAST, RECEIVER, SENDER } from "./helpers.js";

const readings = (n: number): DcmbReading[] => Array.from({ length: n }, (_, i) => ({ time: 1_700_000_000_000 + i * 1000, name: "workpieces", value: String(5300 + i) }));
const build = (n: number) => buildBatch({ sender: SENDER, receiver: RECEIVER, batchId: 1, intervalStart: 1_700_000_000, intervalEnd: 1_700_043_200, readings: readings(n), params: FAST });
const base64 = (text: string) => Buffer.from(text).toString("base64");

describe("offchain/dcmb batches and messages", function () {
  this.timeout(120_000);

  for (const n of [1, 7, 64]) {
    it(`builds and verifies a batch of ${n}`, async () => {
      const batch = await build(n);
      expect(batch.root).to.match(/^0x[0-9a-f]{64}$/);
      expect(batch.messages).to.have.length(n);
      for (const [i, message] of batch.messages.entries()) {
        expect(message.index).to.equal(i);
        expect(message.count).to.equal(n);
        expect(decodeMessage(encodeMessage(message))).to.deep.equal(message);
        const result = await verifyMessage({ message, root: batch.root, params: FAST });
        expect(result.ok, JSON.stringify(result)).to.equal(true);
        if (result.ok) expect(result.reading).to.deep.equal(readings(n)[i]);
      }
    });
  }

  describe("tampering", () => {
    let batch: Awaited<ReturnType<typeof build>>;
    before(async () => {
      batch = await build(7);
    });
    const problem = async (change: (m: DcmbMessage) => DcmbMessage, root?: string) => {
      const result = await verifyMessage({ message: change(structuredClone(batch.messages[0]!)), root: root ?? batch.root, params: FAST });
      expect(result.ok).to.equal(false);
      return result.ok ? "" : result.problem;
    };

    it("refuses altered data", async () => {
      expect(await problem((m) => ({ ...m, data: base64('{"time":1700000000000,"name":"workpieces","value":"5301"}') }))).to.match(/data/);
      expect(await problem((m) => ({ ...m, data: base64("not json") }))).to.match(/^data:/);
    });
    it("refuses an altered salt", async () => {
      expect(await problem((m) => ({ ...m, salt: `0x${"00".repeat(16)}` }))).to.match(/salt/);
      expect(await problem((m) => ({ ...m, salt: "0x00" }))).to.match(/salt/);
    });
    it("refuses an altered proof", async () => {
      expect(await problem((m) => ({ ...m, proof: [...m.proof.slice(0, -1), `0x${"ab".repeat(32)}`] }))).to.match(/proof/);
      expect(await problem((m) => ({ ...m, proof: m.proof.slice(1) }))).to.match(/proof/);
    });
    it("refuses an altered index", async () => {
      expect(await problem((m) => ({ ...m, index: 6 }))).to.match(/index/);
      expect(await problem((m) => ({ ...m, index: 7 }))).to.match(/index/);
    });
    it("refuses another root", async () => {
      expect(await problem((m) => m, `0x${"cd".repeat(32)}`)).to.match(/root/);
      expect(await problem((m) => m, "0x1234")).to.match(/^root:/);
    });
  });

  describe("reading data", () => {
    it("is canonical JSON and round-trips", () => {
      const reading = { time: 1, name: "n", value: "5367" };
      const bytes = encodeReadingData(reading);
      expect(new TextDecoder().decode(bytes)).to.equal('{"time":1,"name":"n","value":"5367"}');
      expect(decodeReadingData(bytes)).to.deep.equal(reading);
    });
    it("refuses non-canonical or malformed bytes", () => {
      for (const text of ['{"name":"n","time":1,"value":"v"}', '{"time":1, "name":"n","value":"v"}', '{"time":-1,"name":"n","value":"v"}', '{"time":1,"name":"","value":"v"}', '{"time":1,"name":"n","value":5}', '{"time":1,"name":"n"}', '{"time":1,"name":"n","value":"v","x":1}', "[]", "\xff"]) {
        expect(() => decodeReadingData(new TextEncoder().encode(text)), text).to.throw(DcmbFormatError);
      }
      expect(() => encodeReadingData({ time: 1.5, name: "n", value: "v" })).to.throw(DcmbFormatError, /time/);
    });
  });

  describe("message encoding", () => {
    const good: DcmbMessage = { sender: SENDER, receiver: RECEIVER, batchId: 3, index: 1, count: 2, data: base64("x"), salt: `0x${"11".repeat(16)}`, proof: [`0x${"22".repeat(32)}`] };
    const raw = (patch: Record<string, unknown>) => new TextEncoder().encode(JSON.stringify({ format: "sealedchain/dcmb-message", version: 1, ...good, ...patch }));

    it("round-trips and checksums addresses", () => {
      const decoded = decodeMessage(encodeMessage({ ...good, sender: SENDER.toLowerCase() }));
      expect(decoded).to.deep.equal(good);
    });

    const cases: [string, Record<string, unknown>][] = [
      ["format", { format: "sealedchain/dcmb-messag" }],
      ["version", { version: 2 }],
      ["sender", { sender: "0x12" }],
      ["sender", { sender: undefined }],
      ["receiver", { receiver: 5 }],
      ["receiver", { receiver: SENDER }],
      ["batchId", { batchId: 0 }],
      ["batchId", { batchId: 1.5 }],
      ["batchId", { batchId: "3" }],
      ["index", { index: -1 }],
      ["index", { index: 2 }],
      ["count", { count: 0 }],
      ["count", { count: 2 ** 32 }],
      ["data", { data: "" }],
      ["data", { data: "abc" }],
      ["data", { data: "ab!=" }],
      ["salt", { salt: "0x11" }],
      ["salt", { salt: `0x${"AA".repeat(16)}` }],
      ["salt", { salt: `0x${"11".repeat(65)}` }],
      ["proof", { proof: "0x" }],
      ["proof", { proof: Array(33).fill(`0x${"22".repeat(32)}`) }],
      ["proof[0]", { proof: ["0x22"] }],
      ["unexpected field(s) extra", { extra: 1 }],
    ];
    for (const [field, patch] of cases) {
      it(`refuses a bad ${field} (${JSON.stringify(patch).slice(0, 40)})`, () => {
        expect(() => decodeMessage(raw(patch))).to.throw(DcmbFormatError, field);
        if (!("format" in patch) && !("version" in patch) && !("extra" in patch)) {
          expect(() => encodeMessage({ ...good, ...patch } as DcmbMessage)).to.throw(DcmbFormatError, field);
        }
      });
    }
    it("refuses bytes that are not JSON", () => {
      expect(() => decodeMessage(new TextEncoder().encode("{"))).to.throw(DcmbFormatError, /not UTF-8 JSON/);
    });
  });
});
