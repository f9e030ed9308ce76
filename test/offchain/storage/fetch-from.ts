import { expect } from "chai";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { identity } from "multiformats/hashes/identity";
import { createHash } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import {
  ContentIntegrityError,
  ContentNotFoundError,
  ContentNotHeldError,
  InvalidCidError,
  InvalidMultiaddrError,
  InvalidStoreParameterError,
  NonLoopbackAddressError,
  PeerDialError,
  PeerProtocolError,
  StoreOperationAbortedError,
  generatePeerIdentity,
  peerIdentityFromBytes,
  startEmbeddedStore,
} from "../../../offchain/storage/index.js";
import type { DirectFetchingStore, EmbeddedStore } from "../../../offchain/storage/index.js";
import { corruptStoredBlock } from "../../helpers/corrupt-stored-block.js";
import { makeTempDirectory, randomContent, rejects, removeDirectoriesAfterStop, sameBytes } from "./helpers.js";

const MiB = 1_048_576;

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

describe("offchain/storage EmbeddedStore.fetchFrom (direct fetch from one peer, three nodes on 127.0.0.1)", function () {
  this.timeout(15_000);
  const directories: string[] = [];
  const nodes: EmbeddedStore[] = [];
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  let a: EmbeddedStore, b: EmbeddedStore, c: EmbeddedStore;

  async function start(label: string, privateKeyBytes?: Uint8Array, directory?: string): Promise<EmbeddedStore> {
    const dir = directory ?? (await makeTempDirectory(`fetch-${label}`));
    if (directory === undefined) directories.push(dir);
    const store = await startEmbeddedStore({
      directory: dir,
      defaultTimeoutMs: 5_000,
      ...(privateKeyBytes === undefined ? {} : { privateKey: peerIdentityFromBytes(privateKeyBytes).privateKey }),
    });
    nodes.push(store);
    return store;
  }

  /** A TCP listener on 127.0.0.1 that accepts and never answers (a hung peer). */
  async function silentPeerPort(): Promise<number> {
    const server = createServer((socket) => sockets.push(socket));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    return address.port;
  }

  before(async function () {
    a = await start("a");
    b = await start("b");
    c = await start("c");
    // B and A are connected, so B COULD fetch A's blocks over bitswap; fetchFrom must not let it.
    await b.connect(a.multiaddrs);
    await c.connect([...a.multiaddrs, ...b.multiaddrs]);
  });

  after(async function () {
    this.timeout(20_000);
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await Promise.all(nodes.map((node) => node.stop()));
    await removeDirectoriesAfterStop(directories);
  });

  it("returns exactly the bytes the owner holds (0 B, 1 KiB, 3 MiB + 5 multi-block) and keeps nothing", async function () {
    for (const size of [0, 1_024, 3 * MiB + 5]) {
      const content = randomContent(size);
      const cid = await a.put(content);
      expect(CID.parse(cid).code === raw.code).to.equal(size <= MiB);
      const t = performance.now();
      const fetched = await c.fetchFrom(a.multiaddrs, cid, { maxBytes: size, timeoutMs: 5_000 });
      const ms = performance.now() - t;
      expect(fetched.length).to.equal(size);
      expect(sameBytes(fetched, content)).to.equal(true);
      expect(await c.has(cid)).to.equal(false); // fetchFrom does not store
      console.log(`      ${size} B: fetchFrom over loopback ${ms.toFixed(1)} ms`);
    }
  });

  it("a peer that does not hold the content answers ContentNotHeldError at once and does not fetch it over bitswap", async function () {
    for (const size of [1_024, 2 * MiB + 1]) {
      const content = randomContent(size);
      const cid = await a.put(content);
      const t = performance.now();
      const error = await rejects(c.fetchFrom(b.multiaddrs, cid, { maxBytes: size, timeoutMs: 5_000 }), ContentNotHeldError);
      expect(performance.now() - t).to.be.below(1_000);
      expect(error.cid).to.equal(cid);
      expect(error.peerId).to.equal(b.peerId);
      expect(error.message).to.include(cid).and.include(b.peerId);
      // B is connected to A, which holds it; B still must not have fetched it.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await b.has(cid)).to.equal(false);

      await b.pin(cid, { timeoutMs: 5_000 });
      const fetched = await c.fetchFrom(b.multiaddrs, cid, { maxBytes: size });
      expect(sameBytes(fetched, content)).to.equal(true);
    }
  });

  it("serves many fetches in parallel from one owner", async function () {
    const contents = Array.from({ length: 24 }, (_, index) => randomContent(200_000 + index));
    const cids = await Promise.all(contents.map((content) => a.put(content)));
    const t = performance.now();
    const fetched = await Promise.all(cids.map((cid) => c.fetchFrom(a.multiaddrs, cid, { maxBytes: 300_000 })));
    console.log(`      24 × ~200 KB in parallel: ${(performance.now() - t).toFixed(1)} ms`);
    fetched.forEach((bytes, index) => expect(sameBytes(bytes, contents[index]!)).to.equal(true));
  });

  it("refuses a declared length above maxBytes before reading the content", async function () {
    const content = randomContent(3 * MiB + 5);
    const cid = await a.put(content);
    const t = performance.now();
    const error = await rejects(c.fetchFrom(a.multiaddrs, cid, { maxBytes: MiB }), PeerProtocolError, /exceeds maxBytes 1048576/);
    console.log(`      oversize refused in ${(performance.now() - t).toFixed(1)} ms`);
    expect(error.peerId).to.equal(a.peerId);
    expect(error.cid).to.equal(cid);
    expect(error.message).to.include(String(content.length));
    // The same content with room for it still works on a new stream.
    expect(sameBytes(await c.fetchFrom(a.multiaddrs, cid, { maxBytes: content.length }), content)).to.equal(true);
  });

  it("a store whose blocks were altered on disk serves the altered bytes; fetchFrom does not verify, get does", async function () {
    const directory = await makeTempDirectory("fetch-tampered");
    directories.push(directory);
    const identity = await generatePeerIdentity();
    let d = await start("d", identity.privateKeyBytes, directory);
    const small = randomContent(1_024);
    const large = randomContent(3 * MiB + 5);
    const smallCid = await d.put(small);
    const largeCid = await d.put(large);
    await d.stop();
    await corruptStoredBlock({ directory, cid: smallCid });
    await corruptStoredBlock({ directory, cid: largeCid });
    d = await start("d", identity.privateKeyBytes, directory);
    expect(d.peerId).to.equal(identity.peerId);

    for (const [cid, original] of [
      [smallCid, small],
      [largeCid, large],
    ] as const) {
      const served = await c.fetchFrom(d.multiaddrs, cid, { maxBytes: original.length });
      expect(served.length).to.equal(original.length);
      expect(sha256(served)).to.not.equal(sha256(original)); // the caller's check catches it
    }
    // The altered first leaf is served as stored, the rest intact.
    const served = await c.fetchFrom(d.multiaddrs, largeCid, { maxBytes: large.length });
    expect(sameBytes(served.subarray(MiB), large.subarray(MiB))).to.equal(true);
    await rejects(d.get(smallCid, { timeoutMs: 1_000 }), ContentIntegrityError, smallCid);
  });

  it("rejects an invalid CID, bad maxBytes and bad addresses before any network use", async function () {
    for (const bad of ["", "not-a-cid", "bafy"]) {
      await rejects(c.fetchFrom(a.multiaddrs, bad, { maxBytes: 10 }), InvalidCidError);
    }
    const cid = await a.put(randomContent(10));
    for (const maxBytes of [-1, 1.5, Number.NaN, "10" as unknown as number]) {
      await rejects(c.fetchFrom(a.multiaddrs, cid, { maxBytes }), InvalidStoreParameterError, /maxBytes/);
    }
    await rejects(c.fetchFrom(a.multiaddrs, cid, { maxBytes: 10, timeoutMs: 0 }), InvalidStoreParameterError, /timeoutMs/);
    await rejects(c.fetchFrom([], cid, { maxBytes: 10 }), InvalidStoreParameterError, /multiaddrs/);
    await rejects(c.fetchFrom(["/ip4/127.0.0.1/tcp/4001"], cid, { maxBytes: 10 }), InvalidMultiaddrError, /\/p2p\//);
    await rejects(c.fetchFrom([`/ip4/192.0.2.1/tcp/4001/p2p/${a.peerId}`], cid, { maxBytes: 10 }), NonLoopbackAddressError);
    // Two different peers: fetchFrom asks exactly one.
    await rejects(c.fetchFrom([...a.multiaddrs, ...b.multiaddrs], cid, { maxBytes: 10 }), InvalidStoreParameterError, /one peer/);
    await rejects(c.fetchFrom(c.multiaddrs, cid, { maxBytes: 10 }), InvalidStoreParameterError, /own/);
  });

  it("an address whose /p2p/ id is not the peer listening there fails with PeerDialError naming the expected peer", async function () {
    const cid = await a.put(randomContent(100));
    // A peer C is not connected to (an open connection to the named peer would be reused).
    const { peerId: stranger } = await generatePeerIdentity();
    const [bAddress] = b.multiaddrs;
    const wrong = bAddress!.replace(b.peerId, stranger); // B's socket, another identity
    const error = await rejects(c.fetchFrom([wrong], cid, { maxBytes: 100, timeoutMs: 3_000 }), PeerDialError);
    expect(error.peerId).to.equal(stranger);
    expect(error.message).to.include(stranger);
  });

  it("a CID string over 200 bytes is refused by the server as a bad request", async function () {
    // A valid CIDv1 whose identity multihash holds 150 bytes: about 250 characters in base32.
    const long = CID.createV1(raw.code, identity.digest(randomContent(150))).toString();
    expect(long.length).to.be.above(200);
    await rejects(c.fetchFrom(a.multiaddrs, long, { maxBytes: 1_000 }), PeerProtocolError, /status 2/);
  });

  it("a hung peer: ContentNotFoundError naming the CID and the peer within the timeout; caller abort", async function () {
    const cid = await a.put(randomContent(100));
    const port = await silentPeerPort();
    const { peerId: hungPeer } = await generatePeerIdentity();
    const hung = [`/ip4/127.0.0.1/tcp/${port}/p2p/${hungPeer}`];
    let t = performance.now();
    const error = await rejects(c.fetchFrom(hung, cid, { maxBytes: 100, timeoutMs: 600 }), ContentNotFoundError);
    expect(performance.now() - t).to.be.within(550, 2_000);
    expect(error.cid).to.equal(cid);
    expect(error.peerId).to.equal(hungPeer);
    expect(error.message).to.include(hungPeer).and.include("600 ms");

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    t = performance.now();
    await rejects(c.fetchFrom(hung, cid, { maxBytes: 100, timeoutMs: 5_000, signal: controller.signal }), StoreOperationAbortedError);
    expect(performance.now() - t).to.be.below(1_500);
  });

  it("serves through the DirectFetchingStore type and, once the owner stops, fails naming it", async function () {
    const content = randomContent(5_000);
    const cid = await a.put(content);
    const store: DirectFetchingStore = c;
    expect(sameBytes(await store.fetchFrom(a.multiaddrs, cid, { maxBytes: 5_000 }), content)).to.equal(true);
    const addresses = a.multiaddrs;
    await a.stop();
    const t = performance.now();
    let failure: unknown;
    try {
      await store.fetchFrom(addresses, cid, { maxBytes: 5_000, timeoutMs: 2_000 });
    } catch (error) {
      failure = error;
    }
    expect(performance.now() - t).to.be.below(2_500);
    if (failure instanceof PeerDialError) {
      expect(failure.peerId).to.equal(a.peerId);
    } else {
      expect(failure).to.be.instanceOf(ContentNotFoundError);
      expect((failure as ContentNotFoundError).peerId).to.equal(a.peerId);
    }
    console.log(`      after the owner stopped: ${(failure as Error).name}: ${(failure as Error).message}`);
    expect((failure as Error).message).to.include(a.peerId);
  });
});
