import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import { withBitswap } from "@helia/bitswap";
import { withLibp2pLight } from "@helia/libp2p";
import { unixfs } from "@helia/unixfs";
import { identify } from "@libp2p/identify";
import type { PrivateKey } from "@libp2p/interface";
import { tcp } from "@libp2p/tcp";
import { FsBlockstore } from "blockstore-fs";
import { MemoryDatastore } from "datastore-core";
import { FsDatastore } from "datastore-fs";
import { createHeliaLight } from "helia";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_LISTEN_ADDRESSES, DEFAULT_TIMEOUT_MS } from "./constants.js";
import { DirectFetchServer } from "./direct-fetch-server.js";
import { EmbeddedStore } from "./embedded-store.js";
import { RequestServer } from "./request-server.js";
import { InvalidStoreParameterError, NonLoopbackAddressError, StoreOperationError } from "./errors.js";
import { isLoopbackMultiaddr } from "./is-loopback-multiaddr.js";
import { parseMultiaddr } from "./parse-multiaddr.js";
import { validateTimeout } from "./validate-timeout.js";

export interface StartEmbeddedStoreParameters {
  /** The participant's data directory; blocks go to <directory>/blocks, the rest to <directory>/datastore. */
  directory: string;
  /**
   * libp2p identity (see generatePeerIdentity). When absent, libp2p creates one
   * and keeps it in the datastore, so the peer id is stable across restarts either way.
   */
  privateKey?: PrivateKey;
  /** Default ["/ip4/127.0.0.1/tcp/0"]. */
  listenAddresses?: string[];
  /** Timeout of get/pin/connect when the call gives none (default 30 000 ms). */
  defaultTimeoutMs?: number;
  /**
   * Default true: refuse to listen on or dial anything outside 127.0.0.0/8 and ::1.
   * Set false for a deployment across machines (peers still come only from the registry).
   */
  loopbackOnly?: boolean;
}

export type StartEmbeddedStoreResult = EmbeddedStore;

/**
 * Starts a light Helia node for one participant: TCP + Noise + Yamux, identify
 * (bitswap hangs without it) and bitswap, plus /sealedchain/fetch/1.0.0 (direct fetch of
 * locally held content, see EmbeddedStore.fetchFrom); no peer discovery (mDNS, bootstrap),
 * no DHT, no delegated routing, no HTTP gateways. Peers are dialled explicitly
 * with connect(). Without a DHT, content moves only between directly connected peers.
 */
export async function startEmbeddedStore({
  directory,
  privateKey,
  listenAddresses = [...DEFAULT_LISTEN_ADDRESSES],
  defaultTimeoutMs = DEFAULT_TIMEOUT_MS,
  loopbackOnly = true,
}: StartEmbeddedStoreParameters): Promise<StartEmbeddedStoreResult> {
  if (typeof directory !== "string" || directory.length === 0) {
    throw new InvalidStoreParameterError({ parameter: "directory", expected: "a non-empty path", actual: String(directory) });
  }
  if (!Array.isArray(listenAddresses) || listenAddresses.length === 0) {
    throw new InvalidStoreParameterError({
      parameter: "listenAddresses",
      expected: "a non-empty array of multiaddr strings",
      actual: String(listenAddresses),
    });
  }
  for (const text of listenAddresses) {
    if (loopbackOnly && !isLoopbackMultiaddr(parseMultiaddr(text))) throw new NonLoopbackAddressError({ multiaddr: text });
  }
  validateTimeout(defaultTimeoutMs, "defaultTimeoutMs");
  if (privateKey !== undefined && (typeof privateKey !== "object" || privateKey === null || !("raw" in privateKey))) {
    throw new InvalidStoreParameterError({
      parameter: "privateKey",
      expected: "a libp2p PrivateKey (see generatePeerIdentity)",
      actual: typeof privateKey,
    });
  }

  await mkdir(directory, { recursive: true });
  const blockstore = new FsBlockstore(join(directory, "blocks"));
  const datastore = new FsDatastore(join(directory, "datastore"));
  await blockstore.open();
  await datastore.open();

  const helia = withBitswap(
    withLibp2pLight(createHeliaLight({ blockstore, datastore }), {
      ...(privateKey === undefined ? {} : { privateKey }),
      // libp2p's own state (its peer store, including this node's record of the protocols it
      // speaks) stays in memory, not in the shared repository: a task and the participant's
      // agent run nodes with the same identity on the same directory at once, and with a
      // shared peer store the one that stopped erased the protocols of the one still running
      // (identify then told peers it spoke no bitswap, so nothing it held could be fetched
      // from it). Peers come from the registry, so nothing is lost by not keeping it.
      // (datastore-core is what libp2p itself uses by default; it comes with helia and libp2p.)
      datastore: new MemoryDatastore(),
      addresses: { listen: listenAddresses },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      peerDiscovery: [],
      services: { identify: identify() },
      connectionManager: {
        // Many peers on one host look like a flood to libp2p's inbound rate limiter.
        allow: ["/ip4/127.0.0.0/ipcidr/8", "/ip6/::1/ipcidr/128"],
      },
      connectionGater: {
        denyDialMultiaddr: (address) => loopbackOnly && !isLoopbackMultiaddr(address),
      },
    }),
  );

  const fs = unixfs(helia);
  let directFetchServer: DirectFetchServer;
  try {
    await helia.start();
    // Registered before the store is returned, so peers can fetch from it at once.
    directFetchServer = await DirectFetchServer.start({ helia, fs });
  } catch (cause) {
    await helia.stop().catch(() => undefined);
    await blockstore.close();
    await datastore.close();
    throw new StoreOperationError({ operation: "start", cause });
  }
  const requestServer = new RequestServer(helia.libp2p);
  return new EmbeddedStore({ helia, fs, blockstore, datastore, defaultTimeoutMs, loopbackOnly, directFetchServer, requestServer });
}
