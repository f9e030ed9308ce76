/**
 * Raw speeds of the same bytes on the same machine: what splitting, distributing and
 * retrieving a file cannot go below. Two fresh embedded stores (not the world's) on loopback.
 */
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { startEmbeddedStore, type EmbeddedStore } from "../../offchain/storage/index.js";

export type RawSample = {
  sizeBytes: number;
  rep: number;
  /** AES-256-GCM, one update() over the whole buffer + final + tag (node:crypto). */
  aes256gcmMs: number;
  sha256Ms: number;
  /** The three placement digests (three-hash sharding). */
  sha3_256Ms: number;
  sha384Ms: number;
  sha512Ms: number;
  /** store.put of the whole buffer in a node (UnixFS, 1 MiB raw leaves, pinned). */
  heliaPutMs: number;
  /** Another node (already connected) get()s the whole buffer over bitswap (verified against the CID). */
  bitswapMs: number;
  /** Another node fetchFrom()s the whole buffer from the first over /sealedchain/fetch/1.0.0 (not verified). */
  fetchFromMs: number;
};

export type RawNodes = { a: EmbeddedStore; b: EmbeddedStore; stop(): Promise<void> };

export async function startRawNodes(): Promise<RawNodes> {
  const home = await mkdtemp(path.join(tmpdir(), "sealedchain-bench-raw-"));
  const a = await startEmbeddedStore({ directory: path.join(home, "a") });
  const b = await startEmbeddedStore({ directory: path.join(home, "b") });
  await b.connect(a.multiaddrs);
  return {
    a,
    b,
    async stop() {
      await a.stop();
      await b.stop();
      await new Promise((resolve) => setTimeout(resolve, 1_200)); // libp2p writes its peer record ~1 s after stop
      await rm(home, { recursive: true, force: true });
    },
  };
}

function time<T>(f: () => T): [number, T] {
  const t0 = performance.now();
  const v = f();
  return [performance.now() - t0, v];
}

async function timeAsync<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
}

/** Raw figures for `bytes` (each call needs bytes the nodes have not seen, or the transfers would be local reads). */
export async function measureRaw({ nodes, bytes, rep }: { nodes: RawNodes; bytes: Uint8Array; rep: number }): Promise<RawSample> {
  const [aes256gcmMs] = time(() => {
    const cipher = createCipheriv("aes-256-gcm", randomBytes(32), randomBytes(12));
    const body = cipher.update(bytes);
    const tail = cipher.final();
    return body.length + tail.length + cipher.getAuthTag().length;
  });
  const hash = (algorithm: string) => time(() => createHash(algorithm).update(bytes).digest())[0];
  const sha256Ms = hash("sha256");
  const sha3_256Ms = hash("sha3-256");
  const sha384Ms = hash("sha384");
  const sha512Ms = hash("sha512");
  const [heliaPutMs, cid] = await timeAsync(() => nodes.a.put(bytes));
  // fetchFrom first: it does not store what it receives, so the bitswap get after it still transfers.
  const [fetchFromMs, direct] = await timeAsync(() => nodes.b.fetchFrom(nodes.a.multiaddrs, cid, { maxBytes: bytes.length, timeoutMs: 120_000 }));
  const [bitswapMs, swapped] = await timeAsync(() => nodes.b.get(cid, { timeoutMs: 120_000 }));
  if (direct.length !== bytes.length || swapped.length !== bytes.length) throw new Error(`raw transfer of ${bytes.length} B returned ${direct.length} / ${swapped.length} B`);
  return { sizeBytes: bytes.length, rep, aes256gcmMs, sha256Ms, sha3_256Ms, sha384Ms, sha512Ms, heliaPutMs, bitswapMs, fetchFromMs };
}
