import { expect } from "chai";
import { keccak256 } from "ethers";

import { TraceFormatError, encodeTraceData, objectIdOf, parseTraceData, traceDataHash } from "../../../offchain/trace/index.js";
import { FARM, rejection, traceData } from "./helpers.js";

const encode = (document: unknown) => new TextEncoder().encode(JSON.stringify(document));
const VALID = {
  format: "sealedchain.trace.data",
  version: 1,
  objectId: objectIdOf("lot-1"),
  step: "harvested",
  at: "2026-11-21T10:00:00.000Z",
  by: FARM,
  details: { field: "north", kg: 1200 },
};

async function refused(document: unknown, field: string): Promise<void> {
  const error = await rejection(() => parseTraceData(typeof document === "string" ? new TextEncoder().encode(document) : encode(document)));
  expect(error, JSON.stringify(document)).to.be.instanceOf(TraceFormatError);
  const fields = ["format", "version", "objectId", "step", "at", "by", "details"];
  expect(error.message, JSON.stringify(document)).to.contain(fields.includes(field) ? `trace data: ${field}: expected` : field);
}

describe("offchain/trace trace data", () => {
  it("encodes in the fixed key order and parses back", () => {
    const data = traceData("lot-1", "harvested", FARM.toLowerCase(), { field: "north", kg: 1200 });
    const bytes = encodeTraceData(data);
    expect(new TextDecoder().decode(bytes)).to.equal(JSON.stringify({ ...VALID, by: FARM }));
    expect(Object.keys(JSON.parse(new TextDecoder().decode(bytes)))).to.deep.equal(["format", "version", "objectId", "step", "at", "by", "details"]);
    expect(parseTraceData(bytes)).to.deep.equal({ ...data, by: FARM });
    expect(traceDataHash(bytes)).to.equal(keccak256(bytes)).and.match(/^0x[0-9a-f]{64}$/);
  });

  it("takes empty details, other valid times and non-canonical key order (the hash is over the exact bytes)", () => {
    for (const at of ["2026-11-21T10:00:00Z", "2026-11-21T10:00:00.5Z", "2024-02-29T23:59:59.123456Z"]) {
      expect(parseTraceData(encode({ ...VALID, at, details: {} })).at).to.equal(at);
    }
    const reordered = encode({ details: {}, by: FARM, at: VALID.at, step: "x", objectId: VALID.objectId, version: 1, format: VALID.format });
    expect(parseTraceData(reordered).step).to.equal("x");
    expect(traceDataHash(reordered)).to.not.equal(traceDataHash(encodeTraceData(parseTraceData(reordered))));
  });

  it("round-trips random documents (property)", () => {
    for (let run = 0; run < 200; run++) {
      const data = traceData(`lot-${run}`, `step-${Math.random().toString(36).slice(2, 2 + Math.ceil(Math.random() * 10))}`, FARM, { n: run, nested: { list: [run, "x", null, true] } }, new Date(Math.floor(Math.random() * 4e12)).toISOString());
      expect(parseTraceData(encodeTraceData(data))).to.deep.equal(data);
    }
  });

  it("refuses every malformed field, naming it", async () => {
    await refused({ ...VALID, format: "sealedchain.trace.other" }, "format");
    await refused({ ...VALID, version: 2 }, "version");
    await refused({ ...VALID, objectId: undefined }, "objectId");
    await refused({ ...VALID, objectId: "lot-1" }, "objectId");
    await refused({ ...VALID, objectId: VALID.objectId.toUpperCase().replace("0X", "0x") }, "objectId");
    await refused({ ...VALID, objectId: `0x${"0".repeat(64)}` }, "objectId");
    await refused({ ...VALID, step: "" }, "step");
    await refused({ ...VALID, step: "x".repeat(65) }, "step");
    await refused({ ...VALID, step: "line\nbreak" }, "step");
    await refused({ ...VALID, step: 7 }, "step");
    await refused({ ...VALID, step: undefined }, "step");
    for (const at of ["2026-11-21", "2026-11-21T10:00:00+01:00", "2026-11-21T10:00:00.000", "2026-02-30T10:00:00Z", "2026-11-21T24:00:00Z", "yesterday", 1795255200000]) {
      await refused({ ...VALID, at }, "at");
    }
    for (const by of ["0x1234", "XE7338O073KYGTWWZN0F2WZ0R8PX5ZPPZS", "0x0000000000000000000000000000000000000000", "0xAbcdef0000000000000000000000000000000001", null]) {
      await refused({ ...VALID, by }, "by");
    }
    for (const details of [null, [], "text", 3, undefined]) await refused({ ...VALID, details }, "details");
    await refused({ ...VALID, extra: 1 }, "extra");
    await refused([VALID], "JSON object");
    await refused("{not json", "not UTF-8 JSON");
    expect(await rejection(() => parseTraceData(Uint8Array.from([0xff, 0xfe])))).to.be.instanceOf(TraceFormatError);
  });

  it("encodes only what it would parse", async () => {
    const good = traceData("lot-1", "harvested", FARM);
    for (const bad of [{ ...good, step: "" }, { ...good, by: "nobody" }, { ...good, at: "now" }, { ...good, objectId: "0x12" }, { ...good, details: [] as unknown as Record<string, unknown> }]) {
      expect(await rejection(() => encodeTraceData(bad))).to.be.instanceOf(TraceFormatError);
    }
  });
});
