/**
 * Storage runs (paper Fig. 4): one storer stores a file in the six-member world, the auditor
 * has an audit approved and retrieves it. Each run is timed from the callbacks of storeFile
 * and retrieveFile; the gas of every transaction of the run is read from its receipt.
 */
import { createHash } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";

import type { NetworkConnection } from "hardhat/types/network";

import { requestAudit, retrieveFile, storeFile, voteOnAudit } from "../../offchain/torrent/index.js";
import type { TorrentWorld } from "../../test/helpers/torrent-world.js";

export const OWNER = "carrier-f";
export const AUDITOR = "auditor";
/** Four of the six members vote for each audit (as in the flow test); the last vote that makes it succeed executes it. */
export const VOTERS = ["materials-a", "chemicals-b", "servicer-s", "regulator"];
/** storeFile's polling of the chain for acknowledgements (its default is 250 ms); the agents poll every 50 ms. */
export const STORE_POLL_MS = 50;

export type GasName =
  | "announceFile"
  | "acknowledgeChunks"
  | "registerFile"
  | "acknowledgeShare"
  | "requestAudit"
  | "castVote"
  | "execute"
  | "releaseShare";

export type StorageSample = {
  sizeBytes: number;
  chunks: number;
  rep: number;
  /** Start of storeFile → the last chunk encrypted and put in the storer's node. */
  splitMs: number;
  /** Last chunk put → every chunk owner acknowledged on chain (seen by storeFile's poll). */
  distributionMs: number;
  /** Part of distributionMs: first acknowledgement check (announce mined) → all acknowledged. */
  announceToAllAcksMs: number;
  /** All acknowledged → storeFile returned (receipts checked, master table, shares, registerFile, holders' confirmations). */
  registerAndConfirmMs: number;
  storeTotalMs: number;
  /** requestAudit + 4 votes (incl. execute) + waiting for the holders' agents to release 5 shares (untimed in the paper). */
  auditApprovalAndReleaseMs: number;
  /** The whole retrieveFile call (shares → key → master table → chunks → file hash → fsync → rename). */
  retrievalMs: number;
  /** Part of retrievalMs: just before the first chunk request → retrieveFile returned (the paper's regeneration time). */
  regenerationMs: number;
  /** Chunks whose first listed owner is the auditor: read from its own node instead of fetched
   * (fetchFromFirst asks the owners in order, the auditor reading its own copy when it comes first). */
  auditorLocalChunks: number;
  chunkOwners: number;
  correct: boolean;
  gas: Partial<Record<GasName, number[]>>;
};

function push(gas: StorageSample["gas"], name: GasName, value: bigint): void {
  (gas[name] ??= []).push(Number(value));
}

/** One store + audit + retrieval of `file` (already written) in `chunks` chunks. */
export async function runStorageSample({
  world,
  connection,
  file,
  sizeBytes,
  chunks,
  rep,
  expectedHash,
}: {
  world: TorrentWorld;
  connection: NetworkConnection;
  file: string;
  sizeBytes: number;
  chunks: number;
  rep: number;
  expectedHash: string;
}): Promise<StorageSample> {
  const provider = connection.ethers.provider;
  const owner = world.actors[OWNER]!;
  const auditor = world.actors[AUDITOR]!;
  world.lines.length = 0;

  let lastEncrypt = 0;
  let firstAck = 0;
  let allAcks = 0;
  const t0 = performance.now();
  const stored = await storeFile({
    party: owner.party,
    file,
    chunks,
    waitMs: 120_000,
    pollIntervalMs: STORE_POLL_MS,
    onProgress: ({ phase, done, total }) => {
      const now = performance.now();
      if (phase === "encrypt" && done === total) lastEncrypt = now;
      if (phase === "acknowledge") {
        if (firstAck === 0) firstAck = now;
        if (done === total && allAcks === 0) allAcks = now;
      }
    },
  });
  const t1 = performance.now();

  const gas: StorageSample["gas"] = {};
  const ledger = auditor.party.ledger;
  const receiptOf = async (hash: string) => (await provider.getTransactionReceipt(hash))!;
  push(gas, "announceFile", (await receiptOf(stored.txHashes.announce)).gasUsed);
  push(gas, "registerFile", (await receiptOf(stored.txHashes.register)).gasUsed);
  for (const e of await ledger.queryFilter(ledger.filters.ChunksAcknowledged(stored.fileId))) push(gas, "acknowledgeChunks", (await receiptOf(e.transactionHash)).gasUsed);
  for (const e of await ledger.queryFilter(ledger.filters.ShareAcknowledged(stored.fileId))) push(gas, "acknowledgeShare", (await receiptOf(e.transactionHash)).gasUsed);

  // Audit: request, votes, releases by the holders' agents.
  const a0 = performance.now();
  const { auditId, txHash: requestHash } = await requestAudit({ ledger, fileId: stored.fileId, reason: `benchmark ${sizeBytes} B / ${chunks} chunks / rep ${rep}` });
  push(gas, "requestAudit", (await receiptOf(requestHash)).gasUsed);
  for (const name of VOTERS) {
    const actor = world.actors[name]!;
    if ((await ledger.audit(auditId)).approvedAt !== 0n) break;
    const vote = await voteOnAudit({ ledger: actor.party.ledger, ballot: actor.ballot, voter: actor.party.address, auditId, support: true });
    for (const hash of vote.txHashes) {
      const tx = await provider.getTransaction(hash);
      const name = actor.ballot.interface.parseTransaction({ data: tx!.data })?.name;
      push(gas, name === "execute" ? "execute" : "castVote", (await receiptOf(hash)).gasUsed);
    }
  }
  const shareCount = stored.holders.length;
  await world.waitFor(`${shareCount} released shares`, async () => Number((await ledger.audit(auditId)).releasedCount) === shareCount, 60_000);
  const a1 = performance.now();
  for (const e of await ledger.queryFilter(ledger.filters.ShareReleased(auditId))) push(gas, "releaseShare", (await receiptOf(e.transactionHash)).gasUsed);

  const out = path.join(world.home, `retrieved-${rep}.bin`);
  let firstChunk = 0;
  const r0 = performance.now();
  const retrieved = await retrieveFile({
    party: auditor.party,
    auditId,
    out,
    onProgress: ({ done }) => {
      if (done === 0) firstChunk = performance.now();
    },
  });
  const r1 = performance.now();
  const got = `0x${createHash("sha256").update(await readFile(out)).digest("hex")}`;
  await rm(out, { force: true });

  const auditorAddress = auditor.party.address;
  return {
    sizeBytes,
    chunks,
    rep,
    splitMs: lastEncrypt - t0,
    distributionMs: allAcks - lastEncrypt,
    announceToAllAcksMs: allAcks - firstAck,
    registerAndConfirmMs: t1 - allAcks,
    storeTotalMs: t1 - t0,
    auditApprovalAndReleaseMs: a1 - a0,
    retrievalMs: r1 - r0,
    regenerationMs: r1 - firstChunk,
    auditorLocalChunks: retrieved.masterTable.chunks.filter((c) => c.owners[0] === auditorAddress).length,
    chunkOwners: new Set(stored.masterTable.chunks.flatMap((c) => c.owners)).size,
    correct: got === expectedHash && retrieved.fallbacks.length === 0,
    gas,
  };
}
