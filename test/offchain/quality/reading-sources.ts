import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import {
  QualityPolicyError,
  QualityReadingError,
  createCsvReadingSource,
  createSimulatedReadingSource,
  lotIdOf,
  readQualityPolicy,
} from "../../../offchain/quality/index.js";

describe("offchain/quality reading sources and publishing policy", function () {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "sealedchain-readings-"));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const csv = async (name: string, text: string, bitLength = 32) => {
    const file = path.join(directory, name);
    await writeFile(file, text);
    return createCsvReadingSource({ file, bitLength });
  };
  const rejection = async (promise: Promise<unknown>): Promise<Error> => {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error("expected a rejection");
  };

  describe("createCsvReadingSource", () => {
    it("reads label,value lines with a header, blank lines, comments and CRLF", async () => {
      const source = await csv("a.csv", "label,value\r\nweek 46,41357\r\n\r\n# a comment\nweek 47 , 0\nlot 3, week 48,4294967295\n");
      expect(await source.read()).to.deep.equal([
        { label: "week 46", value: 41357n },
        { label: "week 47", value: 0n },
        { label: "lot 3, week 48", value: 4294967295n },
      ]);
      // Line 1 is a header when its value field has no digit (so "week 46,abc" there is one).
      expect(await (await csv("h.csv", "week 46,abc\nweek 47,1\n")).read()).to.deep.equal([{ label: "week 47", value: 1n }]);
    });

    it("reads a file without a header, and not the last line until it ends with a newline", async () => {
      const source = await csv("b.csv", "week 46,1\nweek 47,2\nweek 48,3");
      expect((await source.read()).map((r) => r.label)).to.deep.equal(["week 46", "week 47"]);
    });

    for (const [text, line, what] of [
      ["label,value\nweek 46,41357\nweek 47\n", 3, 'expected "label,value"'],
      ["week 46,41357\nweek 47,-5\n", 2, "integer in [0, 2^16)"],
      ["week 46,41357\nweek 47,65536\n", 2, "integer in [0, 2^16)"],
      ["week 46,41357\nweek 47,1.5\n", 2, "integer in [0, 2^16)"],
      ["label,value\nweek 46,12x\n", 2, "integer in [0, 2^16)"],
      ["label,value\n,12\n", 2, "label of 1–256 characters"],
      ["week 46,1\nweek 47,2\nweek 46,3\n", 3, "already used on line 1"],
    ] as const) {
      it(`names the line of a malformed line: ${JSON.stringify(text)}`, async () => {
        const source = await csv("bad.csv", text, 16);
        const error = await rejection(source.read());
        expect(error).to.be.instanceOf(QualityReadingError);
        expect((error as QualityReadingError).line).to.equal(line);
        expect(error.message).to.include(`line ${line}:`).and.include(what);
      });
    }

    it("reports a missing file", async () => {
      const error = await rejection(createCsvReadingSource({ file: path.join(directory, "none.csv"), bitLength: 8 }).read());
      expect(error).to.be.instanceOf(QualityReadingError);
      expect(error.message).to.include("none.csv: not readable");
    });
  });

  describe("createSimulatedReadingSource", () => {
    const start = "2026-11-21T07:00:00.000Z";
    const at = (seconds: number) => () => Date.parse(start) + seconds * 1000;

    it("is deterministic for a seed: one ISO-labelled reading per interval up to now, within [min, max]", async () => {
      const parameters = { seed: "plant-7", min: 100, max: 200, intervalSeconds: 60, start };
      const first = await createSimulatedReadingSource({ ...parameters, now: at(60 * 99 + 59) }).read();
      const again = await createSimulatedReadingSource({ ...parameters, now: at(60 * 99 + 59) }).read();
      expect(first).to.have.length(100);
      expect(again).to.deep.equal(first);
      expect(first[0]!.label).to.equal(start);
      expect(first[99]!.label).to.equal("2026-11-21T08:39:00.000Z");
      for (const [i, reading] of first.entries()) {
        expect(reading.value >= 100n && reading.value <= 200n).to.equal(true);
        if (i > 0) expect(Number(reading.value - first[i - 1]!.value)).to.be.within(-10, 10);
      }
      expect(new Set(first.map((r) => r.value)).size).to.be.greaterThan(5); // it does walk

      const other = await createSimulatedReadingSource({ ...parameters, seed: "plant-8", now: at(60 * 99 + 59) }).read();
      expect(other.map((r) => r.value)).to.not.deep.equal(first.map((r) => r.value));
    });

    it("grows with time, earlier readings unchanged; nothing before start", async () => {
      let now = Date.parse(start) - 1;
      const source = createSimulatedReadingSource({ seed: "7", min: 0, max: 3, intervalSeconds: 10, start, now: () => now });
      expect(await source.read()).to.deep.equal([]);
      now += 1 + 25_000;
      const three = await source.read();
      expect(three).to.have.length(3);
      now += 10_000;
      const four = await source.read();
      expect(four.slice(0, 3)).to.deep.equal(three);
      expect(four).to.have.length(4);
    });

    it("rejects bad parameters", () => {
      expect(() => createSimulatedReadingSource({ seed: "s", min: 5, max: 4, intervalSeconds: 1, start })).to.throw(QualityReadingError, "min ≤ max");
      expect(() => createSimulatedReadingSource({ seed: "s", min: 0, max: 4, intervalSeconds: 0, start })).to.throw(QualityReadingError, "intervalSeconds");
      expect(() => createSimulatedReadingSource({ seed: "s", min: 0, max: 4, intervalSeconds: 1, start: "soon" })).to.throw(QualityReadingError, "ISO 8601");
    });
  });

  describe("readQualityPolicy: publishing fields", () => {
    const servicer = "0x976ea74026e726554db657fa54763abd0c3a0aa9";
    const policy = async (content: object) => {
      const file = path.join(directory, "policy.json");
      await writeFile(file, JSON.stringify(content));
      return readQualityPolicy({ file });
    };

    it("is undefined without qualitySource; defaults bitLength 32 and keyBits 3072; resolves the CSV path", async () => {
      expect((await policy({})).publish).to.be.undefined;
      const { publish } = await policy({ qualitySource: { csv: "data/q.csv" }, qualityLot: "resin-117", qualityServicer: servicer });
      expect(publish).to.deep.equal({
        source: { csv: path.join(directory, "data", "q.csv") },
        lotName: "resin-117",
        lotId: lotIdOf("resin-117"),
        servicer: "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
        bitLength: 32,
        keyBits: 3072,
      });
      const simulated = await policy({
        qualitySource: { simulated: { seed: 7, min: 10, max: 20, intervalSeconds: 60, start: "2026-11-21T07:00:00Z" } },
        qualityLot: "resin-117",
        qualityServicer: servicer,
        qualityBitLength: 8,
        qualityKeyBits: 2048,
      });
      expect(simulated.publish?.source).to.deep.equal({ simulated: { seed: "7", min: 10, max: 20, intervalSeconds: 60, start: "2026-11-21T07:00:00Z" } });
      expect(simulated.publish?.bitLength).to.equal(8);
    });

    const base = { qualitySource: { csv: "q.csv" }, qualityLot: "lot", qualityServicer: servicer };
    for (const [content, field] of [
      [{ ...base, qualitySource: "q.csv" }, "qualitySource must be"],
      [{ ...base, qualitySource: { csv: "q.csv", simulated: {} } }, "qualitySource must be"],
      [{ ...base, qualitySource: { csv: 5 } }, "qualitySource.csv must be"],
      [{ ...base, qualityLot: undefined }, "qualityLot must be"],
      [{ ...base, qualityServicer: "servicer-s" }, "qualityServicer must be"],
      [{ ...base, qualityBitLength: 0 }, "qualityBitLength must be"],
      [{ ...base, qualityKeyBits: "3072" }, "qualityKeyBits must be"],
      [{ ...base, qualitySource: { simulated: { seed: 1, min: 0, max: 256, intervalSeconds: 1, start: "2026-01-01" } }, qualityBitLength: 8 }, "qualitySource.simulated.max must be"],
      [{ ...base, qualitySource: { simulated: { seed: 1, min: 0, max: 1, intervalSeconds: 1 } } }, "qualitySource.simulated.start must be"],
      [{ ...base, qualitySource: { simulated: { seed: [], min: 0, max: 1, intervalSeconds: 1, start: "2026-01-01" } } }, "qualitySource.simulated.seed must be"],
    ] as const) {
      it(`names the field: ${field}`, async () => {
        const error = await rejection(policy(content));
        expect(error).to.be.instanceOf(QualityPolicyError);
        expect(error.message).to.include(field);
      });
    }
  });
});
