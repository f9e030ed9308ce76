import type { HeliaWithLibp2p } from "@helia/libp2p";
import type { UnixFS } from "@helia/unixfs";
import type { ServiceMap } from "@libp2p/interface";
import type { Multiaddr } from "@multiformats/multiaddr";
import type { FsBlockstore } from "blockstore-fs";
import type { FsDatastore } from "datastore-fs";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { collectBytes } from "./collect-bytes.js";
import type { ContentStore, ContentStoreWaitOptions } from "./content-store.js";
import {
  InvalidMultiaddrError,
  InvalidStoreParameterError,
  NonLoopbackAddressError,
  PeerDialError,
  StoreOperationError,
  StoreStoppedError,
} from "./errors.js";
import { isLoopbackMultiaddr } from "./is-loopback-multiaddr.js";
import { createOperationSignal } from "./operation-signal.js";
import { parseCid } from "./parse-cid.js";
import { parseMultiaddr } from "./parse-multiaddr.js";
import { runStoreOperation } from "./run-store-operation.js";
import { validateTimeout } from "./validate-timeout.js";
import { verifyContent } from "./verify-content.js";

/** Everything startEmbeddedStore assembled; the store owns and stops all of it. */
export interface EmbeddedStoreComponents {
  helia: HeliaWithLibp2p<ServiceMap>;
  fs: UnixFS;
  blockstore: FsBlockstore;
  datastore: FsDatastore;
  defaultTimeoutMs: number;
  loopbackOnly: boolean;
}

/**
 * A participant's in-process IPFS node (Helia + bitswap over libp2p/TCP).
 * Content is stored as one UnixFS file (CIDv1, raw leaves, 1 MiB chunks); up to
 * 1 MiB that is a single raw block whose CID is the sha2-256 of the bytes.
 * Create it with startEmbeddedStore().
 */
export class EmbeddedStore implements ContentStore {
  readonly peerId: string;
  readonly #c: EmbeddedStoreComponents;
  #stopped = false;

  constructor(components: EmbeddedStoreComponents) {
    this.#c = components;
    this.peerId = components.helia.libp2p.peerId.toString();
  }

  /** Addresses other participants dial (each ends in /p2p/<peerId>). */
  get multiaddrs(): string[] {
    if (this.#stopped) return [];
    return this.#c.helia.libp2p.getMultiaddrs().map((address) => address.toString());
  }

  /** Peer ids this node currently has open connections to. */
  connectedPeers(): string[] {
    if (this.#stopped) return [];
    return this.#c.helia.libp2p.getPeers().map((peer) => peer.toString());
  }

  async put(bytes: Uint8Array): Promise<string> {
    this.#assertRunning("put");
    if (!(bytes instanceof Uint8Array)) {
      throw new InvalidStoreParameterError({ parameter: "bytes", expected: "a Uint8Array", actual: typeof bytes });
    }
    try {
      const cid = await this.#c.fs.addBytes(bytes);
      await this.#pinLocal(cid, AbortSignal.timeout(this.#c.defaultTimeoutMs));
      return cid.toString();
    } catch (cause) {
      throw new StoreOperationError({ operation: "put", cause });
    }
  }

  async get(cid: string, options: ContentStoreWaitOptions = {}): Promise<Uint8Array> {
    this.#assertRunning("get");
    const parsed = parseCid(cid);
    return runStoreOperation({
      operation: "get",
      cid,
      options,
      defaultTimeoutMs: this.#c.defaultTimeoutMs,
      call: async (signal) => {
        const bytes = await collectBytes(this.#c.fs.cat(parsed, { signal }));
        await verifyContent(parsed, bytes);
        return bytes;
      },
    });
  }

  async pin(cid: string, options: ContentStoreWaitOptions = {}): Promise<void> {
    this.#assertRunning("pin");
    const parsed = parseCid(cid);
    await runStoreOperation({
      operation: "pin",
      cid,
      options,
      defaultTimeoutMs: this.#c.defaultTimeoutMs,
      call: (signal) => this.#pinLocal(parsed, signal),
    });
  }

  async has(cid: string): Promise<boolean> {
    this.#assertRunning("has");
    const parsed = parseCid(cid);
    const { helia, fs } = this.#c;
    if (await helia.pins.isPinned(parsed)) return true; // a pin implies the whole DAG is local
    if (!(await helia.blockstore.has(parsed))) return false;
    if (parsed.code === raw.code) return true;
    try {
      // Multi-block file: walk it without touching the network.
      for await (const _chunk of fs.cat(parsed, { offline: true })) void _chunk;
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Dials a known peer (addresses from the consortium registry). Every address must
   * end in /p2p/<peerId> so the remote is authenticated as that peer (Noise).
   * Returns the peer ids connected to.
   */
  async connect(multiaddrs: string[], options: ContentStoreWaitOptions = {}): Promise<string[]> {
    this.#assertRunning("connect");
    if (!Array.isArray(multiaddrs) || multiaddrs.length === 0) {
      throw new InvalidStoreParameterError({
        parameter: "multiaddrs",
        expected: "a non-empty array of multiaddr strings",
        actual: Array.isArray(multiaddrs) ? "an empty array" : typeof multiaddrs,
      });
    }
    const byPeer = new Map<string, Multiaddr[]>();
    for (const text of multiaddrs) {
      const address = parseMultiaddr(text);
      const peer = address.getComponents().findLast((component) => component.name === "p2p")?.value;
      if (peer === undefined) {
        throw new InvalidMultiaddrError({ multiaddr: text, reason: "must end in /p2p/<peerId>" });
      }
      if (this.#c.loopbackOnly && !isLoopbackMultiaddr(address)) {
        throw new NonLoopbackAddressError({ multiaddr: text });
      }
      byPeer.set(peer, [...(byPeer.get(peer) ?? []), address]);
    }
    const timeoutMs =
      options.timeoutMs === undefined ? this.#c.defaultTimeoutMs : validateTimeout(options.timeoutMs, "timeoutMs");
    const operation = createOperationSignal({ timeoutMs, signal: options.signal });
    try {
      await Promise.all(
        [...byPeer].map(async ([peer, addresses]) => {
          if (peer === this.peerId) return;
          try {
            await this.#c.helia.libp2p.dial(addresses, { signal: operation.signal });
          } catch (cause) {
            throw new PeerDialError({ peerId: peer, multiaddrs: addresses.map(String), cause });
          }
        }),
      );
      return [...byPeer.keys()];
    } finally {
      operation.dispose();
    }
  }

  /** Stops libp2p and Helia, then closes the block and data stores. Idempotent. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#c.helia.stop();
    await this.#c.blockstore.close();
    await this.#c.datastore.close();
  }

  async #pinLocal(cid: CID, signal: AbortSignal): Promise<void> {
    const { pins } = this.#c.helia;
    if (await pins.isPinned(cid, { signal })) return;
    try {
      // pins.add is a lazy generator: it walks (and fetches) the DAG only when iterated.
      for await (const _block of pins.add(cid, { signal })) void _block;
    } catch (error) {
      if ((error as Error).name !== "AlreadyPinnedError") throw error;
    }
  }

  #assertRunning(operation: string): void {
    if (this.#stopped) throw new StoreStoppedError({ operation });
  }
}
