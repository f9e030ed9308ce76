import { expect } from "chai";
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import {
  InformationServerResponseError,
  InformationServerUnreachableError,
  TraceParameterError,
  encodeTraceData,
  fetchTraceData,
  listObjectTraces,
  objectIdOf,
  postTraceData,
  startInformationServer,
  traceDataHash,
} from "../../../offchain/trace/index.js";
import { FARM, PACKER, TOKEN, rejection, temporaryDirectory, traceData } from "./helpers.js";

describe("offchain/trace information server", () => {
  const directories: string[] = [];
  const newDirectory = async () => {
    const directory = await temporaryDirectory("server");
    directories.push(directory);
    return directory;
  };
  after(async () => {
    for (const directory of directories) await rm(directory, { recursive: true, force: true });
  });

  const harvested = encodeTraceData(traceData("lot-1", "harvested", FARM, { kg: 1200 }));
  const packed = encodeTraceData(traceData("lot-1", "packed", PACKER));
  const lot1 = objectIdOf("lot-1");
  const post = (url: string, body: Uint8Array | string, token = TOKEN) =>
    fetch(`${url}/traces`, { method: "POST", body, headers: token === "" ? {} : { authorization: `Bearer ${token}` } });

  it("stores exact bytes, serves them and lists them per object; POST is idempotent (201 new, 200 again)", async () => {
    const directory = await newDirectory();
    const lines: string[] = [];
    const server = await startInformationServer({ directory, writeToken: TOKEN, log: (line) => lines.push(line) });
    try {
      expect(server.url).to.equal(`http://127.0.0.1:${server.port}`);
      let response = await post(server.url, harvested);
      expect(response.status).to.equal(201);
      expect(await response.json()).to.deep.equal({ hash: traceDataHash(harvested), objectId: lot1 });
      response = await post(server.url, harvested);
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({ hash: traceDataHash(harvested), objectId: lot1 });
      expect(await postTraceData({ url: server.url, token: TOKEN, bytes: packed })).to.equal(traceDataHash(packed));

      response = await fetch(`${server.url}/traces/${traceDataHash(harvested)}`);
      expect(response.status).to.equal(200);
      expect(response.headers.get("content-type")).to.equal("application/json");
      expect(new Uint8Array(await response.arrayBuffer())).to.deep.equal(harvested);
      expect(await fetchTraceData({ url: `${server.url}/`, hash: traceDataHash(packed).toUpperCase().replace("0X", "0x") })).to.deep.equal(packed);

      response = await fetch(`${server.url}/objects/${lot1}`);
      expect(await response.json()).to.deep.equal({ objectId: lot1, traces: [traceDataHash(harvested), traceDataHash(packed)] });
      expect(await listObjectTraces({ url: server.url, objectId: lot1 })).to.deep.equal([traceDataHash(harvested), traceDataHash(packed)]);

      expect(await readFile(path.join(directory, "traces", `${traceDataHash(harvested)}.json`))).to.deep.equal(Buffer.from(harvested));
      expect(JSON.parse(await readFile(path.join(directory, "objects", `${lot1}.json`), "utf8"))).to.deep.equal([traceDataHash(harvested), traceDataHash(packed)]);
      expect((await readdir(path.join(directory, "traces"))).filter((name) => name.endsWith(".tmp"))).to.deep.equal([]);

      response = await fetch(`${server.url}/health`);
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({ ok: true });
      expect(lines.some((line) => line.includes("stored") && line.includes(traceDataHash(harvested)))).to.equal(true);
    } finally {
      await server.close();
    }
  });

  it("keeps one index entry per hash when the same bytes are posted concurrently", async () => {
    const server = await startInformationServer({ directory: await newDirectory(), writeToken: TOKEN });
    try {
      const documents = Array.from({ length: 12 }, (_, i) => encodeTraceData(traceData("lot-9", `step-${i % 4}`, FARM)));
      const statuses = await Promise.all(documents.map(async (bytes) => (await post(server.url, bytes)).status));
      expect(statuses.filter((status) => status === 201)).to.have.length(4);
      expect(statuses.filter((status) => status === 200)).to.have.length(8);
      const traces = await listObjectTraces({ url: server.url, objectId: objectIdOf("lot-9") });
      expect(new Set(traces).size).to.equal(4);
      expect(traces).to.have.length(4);
    } finally {
      await server.close();
    }
  });

  it("refuses a missing or wrong token with 401 and keeps nothing", async () => {
    const directory = await newDirectory();
    const server = await startInformationServer({ directory, writeToken: TOKEN });
    try {
      for (const token of ["", "wrong-token-0123456789", `${TOKEN}x`, TOKEN.slice(0, -1)]) {
        const response = await post(server.url, harvested, token);
        expect(response.status, token).to.equal(401);
        expect(((await response.json()) as { error: string }).error).to.contain("Bearer");
      }
      const response = await fetch(`${server.url}/traces`, { method: "POST", body: harvested, headers: { authorization: TOKEN } });
      expect(response.status).to.equal(401);
      const error = await rejection(postTraceData({ url: server.url, token: "wrong-token-0123456789", bytes: harvested }));
      expect(error).to.be.instanceOf(InformationServerResponseError).with.property("status", 401);
      expect(await readdir(path.join(directory, "traces"))).to.deep.equal([]);
    } finally {
      await server.close();
    }
  });

  it("refuses a malformed body with 400 naming the field, and an oversize body with 413", async () => {
    const server = await startInformationServer({ directory: await newDirectory(), writeToken: TOKEN, maxBodyBytes: 1000 });
    try {
      const document = JSON.parse(new TextDecoder().decode(harvested)) as Record<string, unknown>;
      for (const [field, value] of [["step", ""], ["at", "soon"], ["by", "0x12"], ["objectId", "lot-1"], ["details", []]] as const) {
        const response = await post(server.url, JSON.stringify({ ...document, [field]: value }));
        expect(response.status, field).to.equal(400);
        expect(((await response.json()) as { error: string }).error).to.contain(`${field}: expected`);
      }
      let response = await post(server.url, "not json");
      expect(response.status).to.equal(400);
      response = await post(server.url, encodeTraceData(traceData("lot-1", "harvested", FARM, { padding: "x".repeat(1000) })));
      expect(response.status).to.equal(413);
      expect(((await response.json()) as { error: string }).error).to.contain("1000 bytes");
      response = await post(server.url, "x".repeat(4 * 1024 * 1024)); // beyond socket buffers: drained, then answered
      expect(response.status).to.equal(413);
      const error = await rejection(postTraceData({ url: server.url, token: TOKEN, bytes: new TextEncoder().encode("{}") }));
      expect(error).to.be.instanceOf(InformationServerResponseError).with.property("status", 400);
      expect(error.message).to.contain("format: expected");
    } finally {
      await server.close();
    }
  });

  it("answers 404 for unknown hashes, objects and routes, 400 for malformed ids, 405 for wrong methods", async () => {
    const server = await startInformationServer({ directory: await newDirectory(), writeToken: TOKEN });
    try {
      const status = async (url: string, init?: RequestInit) => (await fetch(url, init)).status;
      expect(await status(`${server.url}/traces/0x${"a".repeat(64)}`)).to.equal(404);
      expect(await status(`${server.url}/objects/${lot1}`)).to.equal(404);
      expect(await status(`${server.url}/traces/0x1234`)).to.equal(400);
      expect(await status(`${server.url}/traces/..%2F..%2Fetc%2Fpasswd`)).to.equal(400);
      expect(await status(`${server.url}/traces/%E0%A4%A`)).to.equal(400);
      expect(await status(`${server.url}/objects/lot-1`)).to.equal(400);
      expect(await status(`${server.url}/nothing`)).to.equal(404);
      expect(await status(`${server.url}/traces/a/b`)).to.equal(404);
      expect(await status(`${server.url}/traces`)).to.equal(405);
      expect(await status(`${server.url}/health`, { method: "POST" })).to.equal(405);
      expect(await status(`${server.url}/traces/0x${"a".repeat(64)}`, { method: "DELETE" })).to.equal(405);
      const error = await rejection(fetchTraceData({ url: server.url, hash: `0x${"a".repeat(64)}` }));
      expect(error).to.be.instanceOf(InformationServerResponseError).with.property("status", 404);
      expect(error.message).to.contain("no trace data");
      expect(await rejection(listObjectTraces({ url: server.url, objectId: lot1 }))).to.be.instanceOf(InformationServerResponseError).with.property("status", 404);
    } finally {
      await server.close();
    }
  });

  it("keeps everything across a restart, and serves tampered bytes as they are on disk", async () => {
    const directory = await newDirectory();
    let server = await startInformationServer({ directory, writeToken: TOKEN });
    await postTraceData({ url: server.url, token: TOKEN, bytes: harvested });
    await server.close();
    server = await startInformationServer({ directory, writeToken: TOKEN });
    try {
      expect(await fetchTraceData({ url: server.url, hash: traceDataHash(harvested) })).to.deep.equal(harvested);
      expect(await listObjectTraces({ url: server.url, objectId: lot1 })).to.deep.equal([traceDataHash(harvested)]);
      const tampered = new TextEncoder().encode(new TextDecoder().decode(harvested).replace("1200", "9999"));
      await writeFile(path.join(directory, "traces", `${traceDataHash(harvested)}.json`), tampered);
      const served = await fetchTraceData({ url: server.url, hash: traceDataHash(harvested) });
      expect(served).to.deep.equal(tampered);
      expect(traceDataHash(served)).to.not.equal(traceDataHash(harvested));
      // posting the genuine bytes again repairs the file
      expect((await post(server.url, harvested)).status).to.equal(201);
      expect(await fetchTraceData({ url: server.url, hash: traceDataHash(harvested) })).to.deep.equal(harvested);
    } finally {
      await server.close();
    }
  });

  it("refuses a non-loopback host unless allowPublic, and bad parameters", async () => {
    const directory = await newDirectory();
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com"]) {
      const error = await rejection(startInformationServer({ directory, writeToken: TOKEN, host }));
      expect(error, host).to.be.instanceOf(TraceParameterError);
      expect(error.message).to.contain(host).and.contain("allowPublic");
    }
    const public_ = await startInformationServer({ directory, writeToken: TOKEN, host: "0.0.0.0", allowPublic: true });
    expect(public_.url).to.equal(`http://0.0.0.0:${public_.port}`);
    await public_.close();
    const v6 = await startInformationServer({ directory, writeToken: TOKEN, host: "::1" }).catch(() => undefined); // some hosts have no IPv6
    if (v6 !== undefined) {
      expect(v6.url).to.equal(`http://[::1]:${v6.port}`);
      expect(await (await fetch(`${v6.url}/health`)).json()).to.deep.equal({ ok: true });
      await v6.close();
    }
    for (const parameters of [{ writeToken: "short" }, { port: 70000 }, { maxBodyBytes: 0 }, { directory: "" }]) {
      expect(await rejection(startInformationServer({ directory, writeToken: TOKEN, ...parameters })), JSON.stringify(parameters)).to.be.instanceOf(TraceParameterError);
    }
  });

  it("client: connection refused is unreachable; bad URLs and ids are parameter errors", async () => {
    const server = await startInformationServer({ directory: await newDirectory(), writeToken: TOKEN });
    const url = server.url;
    await server.close();
    const error = await rejection(fetchTraceData({ url, hash: traceDataHash(harvested) }));
    expect(error).to.be.instanceOf(InformationServerUnreachableError).with.property("url").that.contains(url);
    expect(await rejection(postTraceData({ url, token: TOKEN, bytes: harvested }))).to.be.instanceOf(InformationServerUnreachableError);
    expect(await rejection(fetchTraceData({ url: "ftp://x", hash: traceDataHash(harvested) }))).to.be.instanceOf(TraceParameterError);
    expect(await rejection(fetchTraceData({ url, hash: "0x12" }))).to.be.instanceOf(TraceParameterError);
    expect(await rejection(listObjectTraces({ url, objectId: "lot-1" }))).to.be.instanceOf(TraceParameterError);
    expect(await rejection(fetchTraceData({ url, hash: traceDataHash(harvested), timeoutMs: 0 }))).to.be.instanceOf(TraceParameterError);
  });

  it("client: a server that never answers times out as unreachable; a lying server is a response error", async () => {
    const { createServer } = await import("node:http");
    let mode: "hang" | "lie" | "big" = "hang";
    const fake = createServer((request, response) => {
      if (mode === "hang") return; // never answers
      if (mode === "big") return void response.writeHead(200, { "content-length": String(2 * 1024 * 1024) }).end(Buffer.alloc(2 * 1024 * 1024));
      request.resume();
      response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ hash: `0x${"b".repeat(64)}` }));
    });
    await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
    try {
      const error = await rejection(fetchTraceData({ url, hash: traceDataHash(harvested), timeoutMs: 50 }));
      expect(error).to.be.instanceOf(InformationServerUnreachableError);
      mode = "lie";
      const lie = await rejection(postTraceData({ url, token: TOKEN, bytes: harvested }));
      expect(lie).to.be.instanceOf(InformationServerResponseError);
      expect(lie.message).to.contain(traceDataHash(harvested));
      mode = "big";
      expect(await rejection(fetchTraceData({ url, hash: traceDataHash(harvested) }))).to.be.instanceOf(InformationServerResponseError);
    } finally {
      fake.closeAllConnections();
      await new Promise<void>((resolve) => fake.close(() => resolve()));
    }
  });
});
