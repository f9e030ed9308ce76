import { expect } from "chai";
import { appendFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { DcmbReadingError, createCsvTailSource, createHttpSource, createSimulatedCounter } from "../../../offchain/dcmb/index.js";
import { rejection } from "./helpers.js";

describe("offchain/dcmb reading sources", () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "sealedchain-dcmb-sources-"));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  describe("CSV tail", () => {
    it("reads appended lines incrementally and waits for an unterminated line", async () => {
      const file = path.join(directory, "a.csv");
      const source = createCsvTailSource({ file, name: "workpieces" });
      expect(await source.next()).to.deep.equal([]); // no file yet
      await writeFile(file, "time,value\n1700000000000,5300\n2023-11-14T22:13:21Z,5310\n53");
      const first = await source.next();
      expect(first).to.deep.equal([
        { time: 1700000000000, name: "workpieces", value: "5300" },
        { time: Date.parse("2023-11-14T22:13:21Z"), name: "workpieces", value: "5310" },
      ]);
      expect(await source.next()).to.deep.equal([]);
      await appendFile(file, "67\n# comment\n\n");
      const before = Date.now();
      const second = await source.next();
      expect(second).to.have.length(1);
      expect(second[0]!.value).to.equal("5367");
      expect(second[0]!.time).to.be.within(before - 5, Date.now());
      expect(await source.next()).to.deep.equal([]);
      await source.close();
    });

    it("names the line of a malformed reading and refuses a file that shrank", async () => {
      const file = path.join(directory, "b.csv");
      await writeFile(file, "1700000000000,1\nyesterday,2\n");
      const source = createCsvTailSource({ file, name: "n" });
      expect(await rejection(source.next())).to.be.instanceOf(DcmbReadingError).with.property("message").that.matches(/line 2/);
      const other = createCsvTailSource({ file: path.join(directory, "c.csv"), name: "n" });
      await writeFile(path.join(directory, "c.csv"), "1\n2\n");
      expect(await other.next()).to.have.length(2);
      await writeFile(path.join(directory, "c.csv"), "");
      expect((await rejection(other.next())).message).to.match(/shrank/);
    });
  });

  describe("HTTP", () => {
    it("accepts readings on 127.0.0.1, answers health and refuses bad bodies with 400", async () => {
      const source = await createHttpSource({ name: "workpieces" });
      try {
        expect(source.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
        const post = (body: string) => fetch(`${source.url}/readings`, { method: "POST", body, headers: { "content-type": "application/json" } });
        let response = await post(JSON.stringify({ value: 5367, time: 1700000000000 }));
        expect(response.status).to.equal(202);
        expect(await response.json()).to.deep.equal({ accepted: 1 });
        response = await post(JSON.stringify([{ value: "5368" }, { value: 5369, time: "2023-11-14T22:13:21Z" }]));
        expect(response.status).to.equal(202);
        const health = await fetch(`${source.url}/health`);
        expect(await health.json()).to.deep.equal({ ok: true, pending: 3 });
        for (const body of ["{", "[]", '{"time":1}', '{"value":null}', '{"value":1,"time":-5}', '{"value":1,"x":2}', '[{"value":1},{"value":{}}]']) {
          response = await post(body);
          expect(response.status, body).to.equal(400);
          expect((await response.json()) as { error: string }).to.have.property("error").that.is.a("string");
        }
        expect((await fetch(`${source.url}/readings`)).status).to.equal(405);
        expect((await fetch(`${source.url}/other`)).status).to.equal(404);
        const readings = await source.next();
        expect(readings.map((r) => r.value)).to.deep.equal(["5367", "5368", "5369"]);
        expect(readings[0]!.time).to.equal(1700000000000);
        expect(readings[2]!.time).to.equal(Date.parse("2023-11-14T22:13:21Z"));
        expect(await source.next()).to.deep.equal([]);
      } finally {
        await source.close();
      }
    });
  });

  describe("simulated counter", () => {
    it("increases monotonically and repeats with the same seed", async () => {
      const values = async (seed: number) => {
        const source = createSimulatedCounter({ name: "workpieces", start: 5000, perTick: 20, seed });
        const out: number[] = [];
        for (let i = 0; i < 50; i++) out.push(Number((await source.next())[0]!.value));
        return out;
      };
      const a = await values(7);
      expect(a[0]).to.be.within(5015, 5025);
      for (let i = 1; i < a.length; i++) expect(a[i]! - a[i - 1]!).to.be.within(15, 25);
      expect(await values(7)).to.deep.equal(a);
      expect(await values(8)).to.not.deep.equal(a);
    });
  });
});
