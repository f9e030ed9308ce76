import { expect } from "chai";
import {
  InvalidStoreParameterError,
  PeerDialError,
  PeerProtocolError,
  RemoteHandlerError,
  RequestTimeoutError,
  StoreOperationAbortedError,
  startEmbeddedStore,
} from "../../../offchain/storage/index.js";
import type { EmbeddedStore, RequestingStore } from "../../../offchain/storage/index.js";
import { makeTempDirectory, randomContent, rejects, removeDirectoriesAfterStop, sameBytes } from "./helpers.js";

const ECHO = "/sealedchain/test/echo/1.0.0";

describe("offchain/storage EmbeddedStore.handleRequests / request (three nodes on 127.0.0.1)", function () {
  this.timeout(20_000);
  const directories: string[] = [];
  const nodes: EmbeddedStore[] = [];
  let a: EmbeddedStore, b: EmbeddedStore, c: EmbeddedStore;
  const seenFrom: string[] = [];

  async function start(label: string): Promise<EmbeddedStore> {
    const dir = await makeTempDirectory(`request-${label}`);
    directories.push(dir);
    const store = await startEmbeddedStore({ directory: dir, defaultTimeoutMs: 5_000 });
    nodes.push(store);
    return store;
  }

  before(async function () {
    a = await start("a");
    b = await start("b");
    c = await start("c");
    a.handleRequests(
      ECHO,
      async (request, from) => {
        seenFrom.push(from.peerId);
        return request;
      },
      { maxRequestBytes: 600_000 },
    );
  });

  after(async function () {
    this.timeout(20_000);
    await Promise.all(nodes.map((node) => node.stop()));
    await removeDirectoriesAfterStop(directories);
  });

  it("echoes 0 B, 1 KiB and 512 KiB; the handler sees the caller's Noise-authenticated peer id", async function () {
    const requesting: RequestingStore = b;
    for (const size of [0, 1_024, 512 * 1_024]) {
      const body = randomContent(size);
      seenFrom.length = 0;
      const t = performance.now();
      const response = await requesting.request(a.multiaddrs, ECHO, body, { maxResponseBytes: size });
      const ms = performance.now() - t;
      expect(sameBytes(response, body)).to.equal(true);
      expect(seenFrom).to.deep.equal([b.peerId]);
      console.log(`      ${size} B: request round trip over loopback ${ms.toFixed(1)} ms`);
    }
    // Warm connection: a few 1 KiB round trips.
    const body = randomContent(1_024);
    const t = performance.now();
    for (let i = 0; i < 20; i++) await b.request(a.multiaddrs, ECHO, body, { maxResponseBytes: 1_024 });
    console.log(`      1 KiB round trip, warm connection: ${((performance.now() - t) / 20).toFixed(2)} ms average of 20`);
    await c.request(a.multiaddrs, ECHO, Uint8Array.of(1), { maxResponseBytes: 1 });
    expect(seenFrom.at(-1)).to.equal(c.peerId);
  });

  it("a handler that throws gives RemoteHandlerError with its message (first 500 characters)", async function () {
    const protocol = "/sealedchain/test/throws/1.0.0";
    const unregister = a.handleRequests(protocol, async (request) => {
      throw new Error(`refused ${request.length} bytes: ${"x".repeat(1_000)}`);
    });
    try {
      const error = await rejects(b.request(a.multiaddrs, protocol, new Uint8Array(3), { maxResponseBytes: 100 }), RemoteHandlerError);
      expect(error.peerId).to.equal(a.peerId);
      expect(error.protocol).to.equal(protocol);
      expect(error.remoteMessage).to.match(/^refused 3 bytes: x+$/);
      expect(error.remoteMessage.length).to.equal(500);
      expect(error.message).to.include(a.peerId).and.include(protocol).and.include("refused 3 bytes");
    } finally {
      await unregister();
    }
  });

  it("a protocol the remote does not handle gives PeerProtocolError naming the protocol and the peer", async function () {
    const protocol = "/sealedchain/test/nobody/1.0.0";
    const error = await rejects(b.request(a.multiaddrs, protocol, new Uint8Array(1), { maxResponseBytes: 10 }), PeerProtocolError);
    expect(error.peerId).to.equal(a.peerId);
    expect(error.protocol).to.equal(protocol);
    expect(error.message).to.include(protocol).and.include(a.peerId);
  });

  it("the server refuses a request over maxRequestBytes (status 2) without reading it", async function () {
    const error = await rejects(
      b.request(a.multiaddrs, ECHO, new Uint8Array(600_001), { maxResponseBytes: 1_000_000 }),
      PeerProtocolError,
      "status 2",
    );
    expect(error.message).to.include("600001").and.include("maxRequestBytes 600000");
    // The connection still works afterwards.
    const ok = await b.request(a.multiaddrs, ECHO, Uint8Array.of(7), { maxResponseBytes: 1 });
    expect([...ok]).to.deep.equal([7]);
  });

  it("the client refuses a response over maxResponseBytes before reading it", async function () {
    const error = await rejects(
      b.request(a.multiaddrs, ECHO, new Uint8Array(2_000), { maxResponseBytes: 1_999 }),
      PeerProtocolError,
      "exceeds maxResponseBytes 1999",
    );
    expect(error.peerId).to.equal(a.peerId);
  });

  it("the unregister function stops serving the protocol; registering twice is refused", async function () {
    const protocol = "/sealedchain/test/temporary/1.0.0";
    const unregister = c.handleRequests(protocol, async () => Uint8Array.of(42));
    expect(() => c.handleRequests(protocol, async () => Uint8Array.of(0))).to.throw(InvalidStoreParameterError, "already registered");
    expect([...(await b.request(c.multiaddrs, protocol, new Uint8Array(0), { maxResponseBytes: 1 }))]).to.deep.equal([42]);
    await unregister();
    await unregister(); // idempotent
    await rejects(b.request(c.multiaddrs, protocol, new Uint8Array(0), { maxResponseBytes: 1 }), PeerProtocolError, protocol);
    // May be registered again.
    const again = c.handleRequests(protocol, async () => Uint8Array.of(43));
    expect([...(await b.request(c.multiaddrs, protocol, new Uint8Array(0), { maxResponseBytes: 1 }))]).to.deep.equal([43]);
    await again();
  });

  it("20 concurrent requests to one peer all succeed (per-peer stream slots)", async function () {
    const bodies = Array.from({ length: 20 }, (_, index) => randomContent(10_000 + index));
    const t = performance.now();
    const responses = await Promise.all(bodies.map((body) => c.request(a.multiaddrs, ECHO, body, { maxResponseBytes: 20_000 })));
    console.log(`      20 × ~10 KB in parallel: ${(performance.now() - t).toFixed(1)} ms`);
    responses.forEach((response, index) => expect(sameBytes(response, bodies[index]!)).to.equal(true));
  });

  it("refuses protocol ids outside /sealedchain/ on both sides", async function () {
    for (const protocol of ["/ipfs/bitswap/1.2.0", "sealedchain/x", "/sealedchain/", "/sealedchain/a b", "/sealedchain/fetch/1.0.0"]) {
      expect(() => a.handleRequests(protocol, async () => new Uint8Array(0))).to.throw(InvalidStoreParameterError, "protocol");
      await rejects(b.request(a.multiaddrs, protocol, new Uint8Array(0), { maxResponseBytes: 1 }), InvalidStoreParameterError, "protocol");
    }
  });

  it("the caller's abort gives StoreOperationAbortedError", async function () {
    const protocol = "/sealedchain/test/slow/1.0.0";
    const unregister = a.handleRequests(protocol, async () => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      return new Uint8Array(0);
    });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error("caller gave up")), 200);
      const t = performance.now();
      await rejects(
        b.request(a.multiaddrs, protocol, new Uint8Array(1), { maxResponseBytes: 10, signal: controller.signal }),
        StoreOperationAbortedError,
      );
      expect(performance.now() - t).to.be.below(1_000);
      // And a timeout names the peer and the protocol.
      const error = await rejects(b.request(a.multiaddrs, protocol, new Uint8Array(1), { maxResponseBytes: 10, timeoutMs: 300 }), RequestTimeoutError);
      expect(error.message).to.include(a.peerId).and.include(protocol);
    } finally {
      await unregister();
    }
  });

  it("a stopped remote gives PeerDialError (or RequestTimeoutError) naming the peer", async function () {
    const d = await start("d");
    d.handleRequests(ECHO, async (request) => request);
    const addresses = d.multiaddrs;
    await b.request(addresses, ECHO, Uint8Array.of(1), { maxResponseBytes: 1 });
    await d.stop();
    let outcome: unknown;
    try {
      await b.request(addresses, ECHO, Uint8Array.of(1), { maxResponseBytes: 1, timeoutMs: 2_000 });
    } catch (error) {
      outcome = error;
    }
    expect(outcome instanceof PeerDialError || outcome instanceof RequestTimeoutError, String(outcome)).to.equal(true);
    expect((outcome as Error).message).to.include(d.peerId);
  });
});
