import { expect } from "chai";
import {
  generatePeerIdentity,
  peerIdentityFromBytes,
  startEmbeddedStore,
} from "../../../offchain/storage/index.js";
import type { EmbeddedStore } from "../../../offchain/storage/index.js";
import { makeTempDirectory, randomContent, removeDirectoriesAfterStop, sameBytes } from "./helpers.js";

describe("offchain/storage EmbeddedStore restart", function () {
  this.timeout(10_000);
  const directories: string[] = [];
  const running: EmbeddedStore[] = [];

  async function start(directory: string, privateKeyBytes?: Uint8Array): Promise<EmbeddedStore> {
    const store = await startEmbeddedStore({
      directory,
      defaultTimeoutMs: 3_000,
      ...(privateKeyBytes === undefined ? {} : { privateKey: peerIdentityFromBytes(privateKeyBytes).privateKey }),
    });
    running.push(store);
    return store;
  }

  after(async function () {
    this.timeout(15_000);
    await Promise.all(running.map((store) => store.stop()));
    await removeDirectoriesAfterStop(directories);
  });

  it("keeps its peer id and its pinned content with the same directory and key", async function () {
    const directory = await makeTempDirectory("restart-keyed");
    const peerDirectory = await makeTempDirectory("restart-peer");
    directories.push(directory, peerDirectory);
    const identity = await generatePeerIdentity();

    const first = await start(directory, identity.privateKeyBytes);
    expect(first.peerId).to.equal(identity.peerId);
    const own = randomContent(1_200_000);
    const ownCid = await first.put(own);

    // Content first pinned from another node must survive the restart too.
    const peer = await start(peerDirectory);
    const theirs = randomContent(50_000);
    const theirCid = await peer.put(theirs);
    await first.connect(peer.multiaddrs);
    await first.pin(theirCid);
    await peer.stop();
    await first.stop();

    const second = await start(directory, identity.privateKeyBytes);
    expect(second.peerId).to.equal(identity.peerId);
    expect(await second.has(ownCid)).to.equal(true);
    expect(await second.has(theirCid)).to.equal(true);
    // Its only peer is stopped, so these come from the local blockstore.
    expect(sameBytes(await second.get(ownCid, { timeoutMs: 1_000 }), own)).to.equal(true);
    expect(sameBytes(await second.get(theirCid, { timeoutMs: 1_000 }), theirs)).to.equal(true);
  });

  it("a second node on the same directory and key (a task next to the agent) does not stop the first from serving what it put", async function () {
    const directory = await makeTempDirectory("shared-agent");
    const peerDirectory = await makeTempDirectory("shared-peer");
    directories.push(directory, peerDirectory);
    const identity = await generatePeerIdentity();
    const agent = await start(directory, identity.privateKeyBytes);
    // The task's node writes to the shared blockstore and stops; the agent serves the bytes.
    const task = await start(directory, identity.privateKeyBytes);
    const bytes = randomContent(2_000);
    const cid = await task.put(bytes);
    await task.stop();
    const peer = await start(peerDirectory);
    await peer.connect(agent.multiaddrs);
    // Before libp2p's peer store moved out of the shared datastore, the stopped node erased
    // the running one's protocols and this timed out.
    expect(sameBytes(await peer.get(cid, { timeoutMs: 3_000 }), bytes)).to.equal(true);
  });

  it("keeps its peer id without an explicit key (libp2p stores one in the datastore)", async function () {
    const directory = await makeTempDirectory("restart-unkeyed");
    directories.push(directory);
    const first = await start(directory);
    const id = first.peerId;
    await first.stop();
    const second = await start(directory);
    expect(second.peerId).to.equal(id);
  });
});
