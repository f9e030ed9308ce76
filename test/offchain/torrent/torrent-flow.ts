import { expect } from "chai";
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import {
  ChunkUnavailableError,
  NotEnoughSharesError,
  retrieveFile,
  storeFile,
  type MasterTable,
} from "../../../offchain/torrent/index.js";
import { participantPaths } from "../../../offchain/chain/index.js";
import { corruptStoredBlock } from "../../helpers/corrupt-stored-block.js";
import { setUpTorrentWorld, type TorrentWorld } from "../../helpers/torrent-world.js";

const connection = await network.create();
const OWNER = "carrier-f";
const AUDITOR = "auditor";

describe("offchain/torrent: store a file across six members, audit it without the owner (BlockTorrent)", function () {
  this.timeout(180_000);
  let world: TorrentWorld;
  let original: Buffer;
  let file: string;
  let fileId: string;
  let table: MasterTable;

  const approvedAudit = () => world.approvedAudit(fileId, { reason: "temperature excursion claim on lot 7" });
  const releasedCount = async (auditId: bigint) => Number((await world.actors[AUDITOR]!.party.ledger.audit(auditId)).releasedCount);
  const out = (name: string) => path.join(world.home, name);
  const actorAt = (address: string) => world.actorAt(address);
  /** A chunk none of whose owners is the auditor (whose own copy would always serve). With 24
   * chunks on 3 of 5 members, all 24 including the auditor has probability 0.6^24 ≈ 5e-6. */
  const chunkWithoutAuditor = (skip = 0) => table.chunks.filter((c) => !c.owners.includes(world.actors[AUDITOR]!.party.address))[skip]!;

  before(async function () {
    world = await setUpTorrentWorld(connection);
    for (const name of Object.keys(world.actors)) await world.startAgent(name);
    file = path.join(world.home, "cold-chain.csv");
    original = randomBytes(300_000);
    await writeFile(file, original);
  });

  after(async function () {
    await world?.stop();
  });

  it("stores a 300 kB file in 24 chunks: each chunk pinned and acknowledged by 3 members, key 3-of-5 confirmed by every holder", async function () {
    const phases = new Set<string>();
    const result = await storeFile({ party: world.actors[OWNER]!.party, file, chunks: 24, waitMs: 60_000, onProgress: ({ phase }) => phases.add(phase) });
    ({ fileId, masterTable: table } = result);
    expect([...phases]).to.deep.equal(["encrypt", "acknowledge", "confirm-shares"]);
    expect(table.chunkCount).to.equal(24);
    expect(table.placementMembers).to.have.length(5);
    for (const chunk of table.chunks) {
      expect(new Set(chunk.owners).size).to.equal(3);
      expect(chunk.receipts.map((r) => r.owner)).to.deep.equal(chunk.owners);
    }
    expect(result.threshold).to.equal(3);
    expect(result.holders).to.have.length(5);
    const ledger = world.actors[OWNER]!.party.ledger;
    const record = await ledger.file(fileId);
    expect(record.status).to.equal(2n);
    for (let index = 1; index <= 5; index++) expect(await ledger.isShareAcknowledged(fileId, index)).to.equal(true);
    // Every chunk owner really holds its chunks locally.
    for (const chunk of table.chunks) for (const owner of chunk.owners) {
      const actor = Object.values(world.actors).find((a) => a.party.address === owner)!;
      expect(await actor.store.has(chunk.cid), `${actor.name} holds chunk ${chunk.index}`).to.equal(true);
    }
  });

  it("the owner goes offline; the auditor's request is approved by vote, holders' agents release, and the file comes back byte for byte", async function () {
    await world.goOffline(OWNER);
    const auditId = await approvedAudit();
    await world.waitFor("5 released shares", async () => (await releasedCount(auditId)) === 5);
    const result = await retrieveFile({ party: world.actors[AUDITOR]!.party, auditId, out: out("rebuilt.csv") });
    expect(Buffer.compare(await readFile(out("rebuilt.csv")), original)).to.equal(0);
    expect(result.sharesUsed).to.equal(5);
    expect(result.fallbacks).to.deep.equal([]);
    expect(result.placementVerified).to.equal(true);
  });

  it("a tampered chunk is detected, fetched from the next owner, and its first owner reported on chain", async function () {
    const chunk = chunkWithoutAuditor(0);
    const first = actorAt(chunk.owners[0]!);
    await world.goOffline(first.name);
    await corruptStoredBlock({ directory: participantPaths({ name: first.name, home: world.home }).ipfs, cid: chunk.cid });
    await world.comeOnline(first.name, { agent: true });
    const auditId = await approvedAudit();
    await world.waitFor("5 released shares", async () => (await releasedCount(auditId)) === 5);
    const result = await retrieveFile({ party: world.actors[AUDITOR]!.party, auditId, out: out("rebuilt-2.csv") });
    expect(Buffer.compare(await readFile(out("rebuilt-2.csv")), original)).to.equal(0);
    const fallback = result.fallbacks.filter((f) => f.index === chunk.index);
    expect(fallback).to.have.length(1);
    expect(fallback[0]!.owner).to.equal(first.party.address);
    expect(fallback[0]!.problem).to.match(/SHA-256/);
    const reports = await first.party.ledger.queryFilter(first.party.ledger.filters.ChunkNotServed(auditId));
    expect(reports.map((r) => [r.args.chunkOwner, Number(r.args.chunkIndex)])).to.deep.equal([[first.party.address, chunk.index]]);
    // Flip the byte back, so that later tests see three good copies again.
    await world.goOffline(first.name);
    await corruptStoredBlock({ directory: participantPaths({ name: first.name, home: world.home }).ipfs, cid: chunk.cid });
    await world.comeOnline(first.name, { agent: true });
  });

  it("with one, then two owners of a chunk stopped retrieval succeeds; with all three stopped it names the chunk and the owners tried", async function () {
    const auditId = await approvedAudit();
    await world.waitFor("5 released shares", async () => (await releasedCount(auditId)) === 5);
    const chunk = chunkWithoutAuditor(1);
    const owners = chunk.owners.map(actorAt);
    try {
      for (const [i, owner] of owners.entries()) {
        await world.goOffline(owner.name);
        const target = out(`rebuilt-stopped-${i + 1}.csv`);
        if (i < 2) {
          await retrieveFile({ party: world.actors[AUDITOR]!.party, auditId, out: target, reportUnserved: false });
          expect(Buffer.compare(await readFile(target), original)).to.equal(0);
        } else {
          const error = await retrieveFile({ party: world.actors[AUDITOR]!.party, auditId, out: target, reportUnserved: false }).catch((e: unknown) => e);
          expect(error).to.be.instanceOf(ChunkUnavailableError);
          const unavailable = error as ChunkUnavailableError;
          // The first chunk whose owners are exactly the three stopped members (chunk.index or an earlier one).
          const failed = table.chunks[unavailable.index]!;
          expect(unavailable.index).to.be.at.most(chunk.index);
          expect([...failed.owners].sort()).to.deep.equal([...chunk.owners].sort());
          expect(unavailable.message).to.include(`chunk ${failed.index} `);
          expect(unavailable.attempts.map((a) => a.owner)).to.deep.equal(failed.owners);
          for (const owner of failed.owners) expect(unavailable.message).to.include(owner);
        }
      }
    } finally {
      for (const owner of owners) if (owner.agent === undefined) await world.comeOnline(owner.name, { agent: true });
    }
  });

  it("with fewer than k shares released the auditor is told how many it has; once a third holder releases it succeeds", async function () {
    const holders = (await world.actors[AUDITOR]!.party.ledger.holders(fileId)).map(actorAt);
    const silent = holders.slice(2);
    for (const holder of silent) await world.stopAgent(holder.name);
    const auditId = await approvedAudit();
    await world.waitFor("2 released shares", async () => (await releasedCount(auditId)) === 2);
    const error = await retrieveFile({ party: world.actors[AUDITOR]!.party, auditId, out: out("early.csv") }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(NotEnoughSharesError);
    expect((error as NotEnoughSharesError).have).to.equal(2);
    expect((error as NotEnoughSharesError).need).to.equal(3);
    await world.startAgent(silent[0]!.name);
    await world.waitFor("3 released shares", async () => (await releasedCount(auditId)) === 3);
    await retrieveFile({ party: world.actors[AUDITOR]!.party, auditId, out: out("late.csv") });
    expect(Buffer.compare(await readFile(out("late.csv")), original)).to.equal(0);
    for (const holder of silent.slice(1)) await world.startAgent(holder.name);
  });
});
