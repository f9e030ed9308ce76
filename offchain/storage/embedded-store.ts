import type { HeliaWithLibp2p } from "@helia/libp2p";
import type { UnixFS } from "@helia/unixfs";
import type { ServiceMap } from "@libp2p/interface";
import type { Multiaddr } from "@multiformats/multiaddr";
import type { FsBlockstore } from "blockstore-fs";
import type { FsDatastore } from "datastore-fs";
import type { CID } from "multiformats/cid";
import { collectBytes } from "./collect-bytes.js";
import type { ContentStore, ContentStoreWaitOptions, DirectFetchOptions, RequestOptions } from "./content-store.js";
import { DIRECT_FETCH_PROTOCOL, MAX_FETCH_STREAMS_PER_PEER } from "./direct-fetch-protocol.js";
import type { DirectFetchServer } from "./direct-fetch-server.js";
import { MAX_FRAME_BYTES, MAX_REQUEST_STREAMS_PER_PEER, validateRequestProtocol } from "./request-response-protocol.js";
import type { HandleRequestsOptions, RequestHandler, RequestServer } from "./request-server.js";
import { sendRequest } from "./send-request.js";
import {
  InvalidMultiaddrError,
  InvalidStoreParameterError,
  NonLoopbackAddressError,
  PeerDialError,
  PeerProtocolError,
  StoreOperationError,
  StoreStoppedError,
} from "./errors.js";
import { isLoopbackMultiaddr } from "./is-loopback-multiaddr.js";
import { hasLocalContent } from "./local-content.js";
import { createOperationSignal } from "./operation-signal.js";
import { parseCid } from "./parse-cid.js";
import { parseMultiaddr } from "./parse-multiaddr.js";
import { withPeerStream } from "./peer-stream.js";
import { PeerSlots } from "./peer-slots.js";
import { requestDirectFetch } from "./request-direct-fetch.js";
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
  /** Answers /sealedchain/fetch/1.0.0; stopped (protocol unregistered) by stop(). */
  directFetchServer: DirectFetchServer;
  /** Answers the protocols registered with handleRequests; stop() unregisters them all. */
  requestServer: RequestServer;
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
  /** Direct-fetch streams per peer, within what the peer accepts per connection. */
  readonly #fetchSlots = new PeerSlots(MAX_FETCH_STREAMS_PER_PEER);
  /** Request streams per peer and protocol, within what the peer accepts per connection. */
  readonly #requestSlots = new PeerSlots(MAX_REQUEST_STREAMS_PER_PEER);

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
    return hasLocalContent(this.#c, parseCid(cid));
  }

  /**
   * Dials a known peer (addresses from the consortium registry). Every address must
   * end in /p2p/<peerId> so the remote is authenticated as that peer (Noise).
   * Returns the peer ids connected to.
   */
  async connect(multiaddrs: string[], options: ContentStoreWaitOptions = {}): Promise<string[]> {
    this.#assertRunning("connect");
    const byPeer = this.#addressesByPeer(multiaddrs);
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

  /**
   * Fetches `cid` from exactly one peer over /sealedchain/fetch/1.0.0: that peer answers
   * only from its own blockstore (never from the network), so a failure names the owner
   * that failed and the caller can fall back to the next one. Bitswap cannot: it asks every
   * connected peer and drops bad blocks silently.
   *
   * The bytes are returned AS SENT, NOT checked against the CID: the caller holds the
   * authoritative hash (e.g. the master table's), and checking a multi-block UnixFS root
   * would mean re-importing the bytes. A peer whose disk was altered is caught by that check.
   *
   * @param multiaddrs the peer's addresses; all must end in the same /p2p/<peerId> (loopback
   *   only while loopbackOnly), as for connect().
   * @throws InvalidCidError, InvalidStoreParameterError, InvalidMultiaddrError,
   *   NonLoopbackAddressError, PeerDialError, ContentNotHeldError (the peer does not hold it),
   *   PeerProtocolError (bad status, short read, declared length above maxBytes, protocol
   *   not spoken), ContentNotFoundError (timeout, naming the peer), StoreOperationAbortedError
   */
  async fetchFrom(multiaddrs: string[], cid: string, options: DirectFetchOptions): Promise<Uint8Array> {
    this.#assertRunning("fetchFrom");
    parseCid(cid);
    if (options === null || typeof options !== "object") {
      throw new InvalidStoreParameterError({ parameter: "options", expected: "an object with maxBytes", actual: String(options) });
    }
    const { maxBytes } = options;
    if (typeof maxBytes !== "number" || !Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new InvalidStoreParameterError({
        parameter: "maxBytes",
        expected: "a non-negative safe integer",
        actual: String(maxBytes),
      });
    }
    const [peerId, addresses] = this.#singlePeer(multiaddrs);
    return runStoreOperation({
      operation: "fetchFrom",
      cid,
      peerId,
      options,
      defaultTimeoutMs: this.#c.defaultTimeoutMs,
      call: async (signal) => {
        const release = await this.#fetchSlots.acquire(peerId, signal);
        try {
          return await this.#fetchOverStream(peerId, addresses, cid, maxBytes, signal);
        } finally {
          release();
        }
      },
    });
  }

  async #fetchOverStream(
    peerId: string,
    addresses: Multiaddr[],
    cid: string,
    maxBytes: number,
    signal: AbortSignal,
  ): Promise<Uint8Array> {
    return withPeerStream({
      libp2p: this.#c.helia.libp2p,
      peerId,
      addresses,
      protocol: DIRECT_FETCH_PROTOCOL,
      signal,
      unsupported: (cause) => new PeerProtocolError({ cid, peerId, reason: `it does not speak ${DIRECT_FETCH_PROTOCOL}`, cause }),
      use: (stream) => requestDirectFetch({ stream, cid, peerId, maxBytes, signal }),
    });
  }

  /**
   * Serves `protocol` (which must start with /sealedchain/) with `handler`: each request is
   * one length-prefixed byte string, the handler's result goes back as the response, and a
   * handler that throws sends back its message (first 500 characters), which the caller
   * raises as RemoteHandlerError. `from.peerId` is the remote peer as authenticated by Noise
   * on the connection; mapping it to a member (consortium registry) is the caller's job.
   * @returns the unregister function (stop() unregisters everything)
   * @throws InvalidStoreParameterError (bad protocol id or options, protocol already registered)
   */
  handleRequests(protocol: string, handler: RequestHandler, options: HandleRequestsOptions = {}): () => Promise<void> {
    this.#assertRunning("handleRequests");
    return this.#c.requestServer.register(protocol, handler, options);
  }

  /**
   * Sends `body` to exactly one peer on `protocol` and returns its handler's response.
   * Addresses are checked as for fetchFrom (one peer, not this node, loopback while loopbackOnly).
   * @throws InvalidStoreParameterError, InvalidMultiaddrError, NonLoopbackAddressError,
   *   PeerDialError, RemoteHandlerError (the handler threw), PeerProtocolError (protocol not
   *   registered there, request refused as too large (status 2), busy (status 3), declared
   *   response above maxResponseBytes, short read), RequestTimeoutError, StoreOperationAbortedError
   */
  async request(multiaddrs: string[], protocol: string, body: Uint8Array, options: RequestOptions): Promise<Uint8Array> {
    this.#assertRunning("request");
    validateRequestProtocol(protocol);
    if (!(body instanceof Uint8Array) || body.length > MAX_FRAME_BYTES) {
      throw new InvalidStoreParameterError({
        parameter: "body",
        expected: `a Uint8Array of at most ${MAX_FRAME_BYTES} bytes`,
        actual: body instanceof Uint8Array ? `${body.length} bytes` : typeof body,
      });
    }
    if (options === null || typeof options !== "object") {
      throw new InvalidStoreParameterError({ parameter: "options", expected: "an object with maxResponseBytes", actual: String(options) });
    }
    const { maxResponseBytes } = options;
    if (typeof maxResponseBytes !== "number" || !Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 0) {
      throw new InvalidStoreParameterError({ parameter: "maxResponseBytes", expected: "a non-negative safe integer", actual: String(maxResponseBytes) });
    }
    const [peerId, addresses] = this.#singlePeer(multiaddrs);
    return runStoreOperation({
      operation: "request",
      peerId,
      protocol,
      options,
      defaultTimeoutMs: this.#c.defaultTimeoutMs,
      failureLabel: `request ${protocol} to peer ${peerId}`,
      call: async (signal) => {
        const release = await this.#requestSlots.acquire(`${peerId} ${protocol}`, signal);
        try {
          return await withPeerStream({
            libp2p: this.#c.helia.libp2p,
            peerId,
            addresses,
            protocol,
            signal,
            unsupported: (cause) => new PeerProtocolError({ peerId, protocol, reason: `it does not handle ${protocol}`, cause }),
            use: (stream) => sendRequest({ stream, protocol, peerId, body, maxResponseBytes, signal }),
          });
        } finally {
          release();
        }
      },
    });
  }

  /** Stops libp2p and Helia, then closes the block and data stores. Idempotent. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#c.directFetchServer.stop();
    await this.#c.requestServer.stop();
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

  /** The one peer all `multiaddrs` name (checked as for connect()); not this node. */
  #singlePeer(multiaddrs: string[]): [string, Multiaddr[]] {
    const byPeer = this.#addressesByPeer(multiaddrs);
    const [entry, ...others] = byPeer;
    if (entry === undefined || others.length > 0) {
      throw new InvalidStoreParameterError({
        parameter: "multiaddrs",
        expected: "addresses of one peer (all ending in the same /p2p/<peerId>)",
        actual: `peers ${[...byPeer.keys()].join(", ")}`,
      });
    }
    if (entry[0] === this.peerId) {
      throw new InvalidStoreParameterError({ parameter: "multiaddrs", expected: "another peer's addresses", actual: "this node's own" });
    }
    return entry;
  }

  /** Checks addresses as connect() and fetchFrom() need them: each ends in /p2p/<peerId>, loopback while loopbackOnly. */
  #addressesByPeer(multiaddrs: string[]): Map<string, Multiaddr[]> {
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
    return byPeer;
  }

  #assertRunning(operation: string): void {
    if (this.#stopped) throw new StoreStoppedError({ operation });
  }
}

/** What a caller that exchanges requests with members needs (EmbeddedStore only; Kubo cannot). */
export type RequestingStore = Pick<EmbeddedStore, "handleRequests" | "request">;
