import { expect } from "chai";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import {
  ContentNotFoundError,
  InvalidCidError,
  InvalidMultiaddrError,
  InvalidStoreParameterError,
  NonLoopbackAddressError,
  StoreOperationAbortedError,
  StoreStoppedError,
  startEmbeddedStore,
} from "../../../offchain/storage/index.js";
import type { EmbeddedStore } from "../../../offchain/storage/index.js";
import { makeTempDirectory, randomContent, rejects, removeDirectoriesAfterStop, sameBytes } from "./helpers.js";

// A valid CIDv1 (raw, sha2-256) of bytes nobody in this test stores.
const ABSENT_CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

describe("offchain/storage EmbeddedStore (four Helia nodes on 127.0.0.1)", function () {
  this.timeout(10_000);
  const directories: string[] = [];
  const nodes: EmbeddedStore[] = [];
  let a: EmbeddedStore, b: EmbeddedStore, c: EmbeddedStore, d: EmbeddedStore;

  before(async function () {
    for (const label of ["a", "b", "c", "d"]) directories.push(await makeTempDirectory(`store-${label}`));
    const started = performance.now();
    for (const directory of directories) nodes.push(await startEmbeddedStore({ directory, defaultTimeoutMs: 5_000 }));
    console.log(`      4 nodes started in ${(performance.now() - started).toFixed(0)} ms`);
    [a, b, c, d] = nodes as [EmbeddedStore, EmbeddedStore, EmbeddedStore, EmbeddedStore];
    // Full mesh: without a DHT a node only gets blocks from peers it is connected to.
    await b.connect(a.multiaddrs);
    await c.connect([...a.multiaddrs, ...b.multiaddrs]);
    await d.connect([...a.multiaddrs, ...b.multiaddrs, ...c.multiaddrs]);
  });

  after(async function () {
    this.timeout(15_000);
    await Promise.all(nodes.map((node) => node.stop()));
    await removeDirectoriesAfterStop(directories);
  });

  it("listens on 127.0.0.1 only and has distinct peer ids", function () {
    const ids = new Set(nodes.map((node) => node.peerId));
    expect(ids.size).to.equal(4);
    for (const node of nodes) {
      expect(node.multiaddrs).to.not.be.empty;
      for (const address of node.multiaddrs) {
        expect(address).to.match(new RegExp(`^/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/${node.peerId}$`));
      }
    }
    expect(d.connectedPeers()).to.have.members([a.peerId, b.peerId, c.peerId]);
  });

  it("put on one node, get on another (sizes 0 B to 3 MiB) and report latency", async function () {
    for (const size of [0, 1, 1_024, 1_048_576, 3 * 1_048_576 + 17]) {
      const content = randomContent(size);
      let t = performance.now();
      const cid = await a.put(content);
      const putMs = performance.now() - t;
      const parsed = CID.parse(cid);
      expect(parsed.version).to.equal(1);
      expect(cid.startsWith("b")).to.equal(true);
      // ≤ 1 MiB is one raw block; larger is a dag-pb UnixFS file with raw leaves.
      expect(parsed.code === raw.code).to.equal(size <= 1_048_576);
      t = performance.now();
      const fetched = await d.get(cid, { timeoutMs: 5_000 });
      const getMs = performance.now() - t;
      expect(sameBytes(fetched, content)).to.equal(true);
      console.log(`      ${size} B: put ${putMs.toFixed(1)} ms, get on another node ${getMs.toFixed(1)} ms`);
    }
  });

  it("put is deterministic: the same bytes give the same CID on any node", async function () {
    const content = randomContent(2_000);
    expect(await a.put(content)).to.equal(await c.put(content));
  });

  it("has() tells local content from remote content without using the network", async function () {
    const content = randomContent(2 * 1_048_576);
    const cid = await a.put(content);
    expect(await a.has(cid)).to.equal(true);
    expect(await b.has(cid)).to.equal(false);
    const t = performance.now();
    expect(await c.has(ABSENT_CID)).to.equal(false);
    expect(performance.now() - t).to.be.below(500);
  });

  it("serves content from a second node that pinned it after the first provider stops", async function () {
    const content = randomContent(1_500_000);
    const cid = await a.put(content);
    await b.pin(cid, { timeoutMs: 5_000 });
    expect(await b.has(cid)).to.equal(true);
    await b.pin(cid); // idempotent
    expect(await c.has(cid)).to.equal(false);
    await a.stop();
    await rejects(a.get(cid), StoreStoppedError);
    const t = performance.now();
    const fetched = await c.get(cid, { timeoutMs: 5_000 });
    console.log(`      fallback fetch from the replica: ${(performance.now() - t).toFixed(1)} ms`);
    expect(sameBytes(fetched, content)).to.equal(true);
  });

  it("fails within its timeout with ContentNotFoundError naming the CID", async function () {
    const t = performance.now();
    try {
      await d.get(ABSENT_CID, { timeoutMs: 700 });
      expect.fail("should have thrown");
    } catch (error) {
      const elapsed = performance.now() - t;
      expect(error).to.be.instanceOf(ContentNotFoundError);
      expect((error as ContentNotFoundError).cid).to.equal(ABSENT_CID);
      expect((error as Error).message).to.include(ABSENT_CID).and.include("700 ms");
      expect(elapsed).to.be.within(650, 2_000);
    }
    await rejects(d.pin(ABSENT_CID, { timeoutMs: 300 }), ContentNotFoundError, ABSENT_CID);
  });

  it("reports a caller abort as StoreOperationAbortedError", async function () {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await rejects(d.get(ABSENT_CID, { signal: controller.signal, timeoutMs: 5_000 }),
      StoreOperationAbortedError,
    );
  });

  it("rejects invalid CIDs and parameters", async function () {
    for (const bad of ["", "not-a-cid", "bafy", "Qm123", ABSENT_CID.slice(0, -2)]) {
      await rejects(d.get(bad), InvalidCidError);
      await rejects(d.pin(bad), InvalidCidError);
      await rejects(d.has(bad), InvalidCidError);
    }
    await rejects(d.get(ABSENT_CID, { timeoutMs: 0 }), InvalidStoreParameterError, /timeoutMs/);
    await rejects(d.put("text" as unknown as Uint8Array), InvalidStoreParameterError, /bytes/);
  });

  it("connect() requires /p2p/ addresses on loopback", async function () {
    await rejects(d.connect([]), InvalidStoreParameterError);
    await rejects(d.connect(["/ip4/127.0.0.1/tcp/4001"]), InvalidMultiaddrError, /\/p2p\//);
    await rejects(d.connect(["not a multiaddr"]), InvalidMultiaddrError);
    await rejects(d.connect([`/ip4/192.0.2.1/tcp/4001/p2p/${c.peerId}`]), NonLoopbackAddressError);
    await rejects(d.connect([`/dns4/example.com/tcp/4001/p2p/${c.peerId}`]), NonLoopbackAddressError);
    expect(await d.connect(c.multiaddrs)).to.deep.equal([c.peerId]); // already connected: fine
  });

  it("refuses to listen on a non-loopback address", async function () {
    const directory = await makeTempDirectory("store-refused");
    directories.push(directory);
    await rejects(startEmbeddedStore({ directory, listenAddresses: ["/ip4/0.0.0.0/tcp/0"] }),
      NonLoopbackAddressError,
      /0\.0\.0\.0/,
    );
  });
});
