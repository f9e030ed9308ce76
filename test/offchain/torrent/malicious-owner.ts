import { expect } from "chai";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { getBytes, hexlify, keccak256 } from "ethers";
import { network } from "hardhat";

import { MasterTableAuthenticationError } from "../../../offchain/crypto/index.js";
import {
  AcknowledgementTimeoutError,
  KeyCommitmentMismatchError,
  TorrentStateError,
  acceptShare,
  openShare,
  releaseShares,
  retrieveFile,
  storeFile,
  type StoreFileResult,
} from "../../../offchain/torrent/index.js";
import type { ITorrentLedger } from "../../../types/ethers-contracts/index.js";
import { setUpTorrentWorld, type TorrentActor, type TorrentWorld } from "../../helpers/torrent-world.js";

const connection = await network.create();
const OWNER = "carrier-f";
const AUDITOR = "auditor";

type Registration = ITorrentLedger.RegistrationStruct;

/**
 * The owner's ledger as a dishonest owner would run it: every call goes to the real contract,
 * but `registerFile` sends what `alter` makes of the honest registration. No hook in the
 * production code: storeFile just gets this object as its party's ledger.
 */
function dishonestLedger(honest: ITorrentLedger, alter: (registration: Registration) => Promise<Registration> | Registration): ITorrentLedger {
  const registerFile = async (fileId: string, registration: Registration) => honest.registerFile(fileId, await alter(registration));
  return new Proxy(honest, {
    get(target, property) {
      if (property === "registerFile") return registerFile;
      const value: unknown = Reflect.get(target, property, target);
      // ethers keeps a contract's state in a WeakMap keyed by the contract itself: bind to it.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * A dishonest owner is caught at audit time (or, for a bad share root, before it may go
 * offline): the registration is altered on its way to the chain, the holders and the auditor
 * run the real protocol, and each check in retrieveFile / acceptShare names the lie.
 */
describe("offchain/torrent: a dishonest owner is caught (altered registrations)", function () {
  this.timeout(180_000);
  let world: TorrentWorld;
  let file: string;
  let original: Buffer;

  const actor = (name: string): TorrentActor => world.actors[name]!;
  const actorAt = (address: string) => world.actorAt(address);
  const out = (name: string) => path.join(world.home, name);

  /** The owner stores the 20 kB file in 4 chunks through a ledger whose registerFile is `alter`ed. */
  const storeDishonestly = (alter: (registration: Registration) => Promise<Registration> | Registration, waitMs = 60_000): Promise<StoreFileResult> => {
    const owner = actor(OWNER);
    return storeFile({ party: { ...owner.party, ledger: dishonestLedger(owner.party.ledger, alter) }, file, chunks: 4, waitMs });
  };

  const approvedAudit = (fileId: string, released = 5) => world.approvedAudit(fileId, { reason: "dishonest owner suspected", released });

  const retrieve = (auditId: bigint, target: string) => retrieveFile({ party: actor(AUDITOR).party, auditId, out: target, reportUnserved: false }).catch((e: unknown) => e);

  before(async function () {
    world = await setUpTorrentWorld(connection);
    for (const name of Object.keys(world.actors)) await world.startAgent(name);
    file = path.join(world.home, "delivery-note.pdf");
    original = randomBytes(20_000);
    await writeFile(file, original);
  });

  after(async function () {
    await world?.stop();
  });

  it("an honest registration through the same wrapper stores and retrieves (the wrapper itself changes nothing)", async function () {
    const { fileId, masterTable } = await storeDishonestly((registration) => registration);
    expect(masterTable.chunkCount).to.equal(4);
    const auditId = await approvedAudit(fileId);
    const result = await retrieveFile({ party: actor(AUDITOR).party, auditId, out: out("honest.pdf") });
    expect(result.fileId).to.equal(fileId);
    expect(Buffer.compare(await readFile(out("honest.pdf")), original)).to.equal(0);
  });

  it("a wrong key commitment: holders accept their (valid) shares, the auditor's rebuilt key does not match → KeyCommitmentMismatchError", async function () {
    const wrong = hexlify(randomBytes(32));
    const { fileId } = await storeDishonestly((registration) => ({ ...registration, keyCommitment: wrong }));
    const ledger = actor(AUDITOR).party.ledger;
    expect((await ledger.file(fileId)).keyCommitment).to.equal(wrong);
    for (let index = 1; index <= 5; index++) expect(await ledger.isShareAcknowledged(fileId, index)).to.equal(true);
    const auditId = await approvedAudit(fileId);
    const target = out("wrong-commitment.pdf");
    const error = await retrieve(auditId, target);
    expect(error).to.be.instanceOf(KeyCommitmentMismatchError);
    expect((error as KeyCommitmentMismatchError).code).to.equal("KEY_COMMITMENT_MISMATCH");
    expect((error as Error).message).to.include(fileId).and.include(`expected ${wrong}`);
    expect(existsSync(target)).to.equal(false);
    expect(existsSync(`${target}.partial`)).to.equal(false);
  });

  it("a tampered master table (one byte flipped, its CID and keccak256 registered): holders pin it, the auditor cannot open it → MasterTableAuthenticationError", async function () {
    const owner = actor(OWNER);
    let tampered: { cid: string; hash: string } | undefined;
    const { fileId, masterTableCid } = await storeDishonestly(async (registration) => {
      const copy = new Uint8Array(await owner.store.get(registration.masterTableCid));
      copy[Math.floor(copy.length / 2)]! ^= 0x01;
      tampered = { cid: await owner.store.put(copy), hash: keccak256(copy) };
      return { ...registration, masterTableCid: tampered.cid, masterTableHash: tampered.hash };
    });
    expect(tampered!.cid).to.not.equal(masterTableCid);
    const record = await actor(AUDITOR).party.ledger.file(fileId);
    expect([record.masterTableCid, record.masterTableHash]).to.deep.equal([tampered!.cid, tampered!.hash]);
    // Every holder accepted and pinned the tampered table (its hash is the one on chain).
    for (const holder of (await actor(AUDITOR).party.ledger.holders(fileId)).map(actorAt)) {
      expect(await holder.store.has(tampered!.cid), `${holder.name} pinned the registered table`).to.equal(true);
    }
    const auditId = await approvedAudit(fileId);
    const target = out("tampered-table.pdf");
    const error = await retrieve(auditId, target);
    expect(error).to.be.instanceOf(MasterTableAuthenticationError);
    expect(existsSync(target)).to.equal(false);
    expect(existsSync(`${target}.partial`)).to.equal(false);
  });

  it("a wrong file hash: retrieval refuses (the master table's hash is not the chain's) and leaves no output file", async function () {
    const wrong = hexlify(randomBytes(32));
    const { fileId, masterTable } = await storeDishonestly((registration) => ({ ...registration, fileHash: wrong }));
    expect((await actor(AUDITOR).party.ledger.file(fileId)).fileHash).to.equal(wrong);
    const auditId = await approvedAudit(fileId);
    const target = out("wrong-hash.pdf");
    const error = await retrieve(auditId, target);
    expect(error).to.be.instanceOf(TorrentStateError);
    expect((error as Error).message).to.include(`master table of file ${fileId}`).and.include(`hash ${wrong}`).and.include(`hash ${masterTable.fileHash}`);
    expect(existsSync(target), "<out>").to.equal(false);
    expect(existsSync(`${target}.partial`), "<out>.partial").to.equal(false);
  });

  it("a share root that does not match the shares: every holder's agent refuses to confirm, so storeFile times out naming the holders", async function () {
    const badRoot = hexlify(randomBytes(32));
    let registered: Registration | undefined;
    const error = await storeDishonestly((registration) => (registered = { ...registration, shareRoot: badRoot }), 8_000).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(AcknowledgementTimeoutError);
    const timeout = error as AcknowledgementTimeoutError;
    const holders = registered!.holders as string[];
    expect(holders).to.have.length(5);
    expect([...timeout.missing]).to.deep.equal(holders.map((h) => `${h} (key share holder)`));
    for (const holder of holders) expect(timeout.message).to.include(holder);

    const ledger = actor(AUDITOR).party.ledger;
    const registration = (await ledger.queryFilter(ledger.filters.FileRegistered(undefined, actor(OWNER).party.address))).find((e) => e.args.shareRoot === badRoot);
    expect(registration, "the registration with the bad root").to.not.be.undefined;
    const fileId = registration!.args.fileId;
    // Each holder's agent tried, failed on the proof, and gave up (logged as an error).
    for (const holder of holders.map(actorAt)) {
      const pattern = new RegExp(`^\\[${holder.name}\\] ERROR torrent-share-holder: giving up on torrent\\.ShareAssigned .*share \\d+ of file ${fileId}: expected a leaf under the share root registered on chain, got a share whose proof does not verify`);
      await world.waitFor(`${holder.name}'s refusal in its log`, async () => world.lines.some((l) => pattern.test(l)));
    }
    for (let index = 1; index <= 5; index++) expect(await ledger.isShareAcknowledged(fileId, index), `share ${index} acknowledged`).to.equal(false);
    // acceptShare itself, called for the first holder, throws the same refusal.
    const first = actorAt(holders[0]!);
    const [assigned] = await ledger.queryFilter(ledger.filters.ShareAssigned(fileId, 1));
    const refusal = await acceptShare({ party: first.party, fileId, index: 1, shareCid: assigned!.args.shareCid }).catch((e: unknown) => e);
    expect(refusal).to.be.instanceOf(TorrentStateError);
    expect((refusal as Error).message).to.include("a share whose proof does not verify");
    expect(await ledger.isShareAcknowledged(fileId, 1)).to.equal(false);
  });

  it("releaseShare with a wrong share hash, or with another holder's leaf and proof, is refused on chain", async function () {
    const { fileId, holders } = await storeDishonestly((registration) => registration);
    const [x, y] = holders.slice(0, 2).map(actorAt) as [TorrentActor, TorrentActor];
    // Their agents would release by themselves: stop them so the releases below are the first.
    await world.stopAgent(x.name);
    await world.stopAgent(y.name);
    try {
      const auditId = await approvedAudit(fileId, 3);
      const ledger = x.party.ledger;
      const shareOf = async (holder: TorrentActor, index: number) => {
        const [assigned] = await ledger.queryFilter(ledger.filters.ShareAssigned(fileId, index, holder.party.address));
        return openShare({ party: holder.party, fileId, index, shareCid: assigned!.args.shareCid });
      };
      const ownShare = await shareOf(x, 1);
      const otherShare = await shareOf(y, 2);
      const cid = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

      const wrongHash = keccak256(getBytes(hexlify(randomBytes(33))));
      await expect(ledger.releaseShare(auditId, 1, wrongHash, ownShare.proof, cid))
        .to.be.revertedWithCustomError(ledger, "TorrentInvalidShareProof")
        .withArgs(fileId, 1, x.party.address);
      await expect(ledger.releaseShare(auditId, 1, ownShare.shareHash, otherShare.proof, cid))
        .to.be.revertedWithCustomError(ledger, "TorrentInvalidShareProof")
        .withArgs(fileId, 1, x.party.address);
      // y's whole leaf (index, hash, proof) sent by x: the leaf names the sender, so it fails.
      await expect(ledger.releaseShare(auditId, 2, otherShare.shareHash, otherShare.proof, cid))
        .to.be.revertedWithCustomError(ledger, "TorrentInvalidShareProof")
        .withArgs(fileId, 2, x.party.address);
      expect(await ledger.isShareReleased(auditId, 1)).to.equal(false);
      expect(await ledger.isShareReleased(auditId, 2)).to.equal(false);

      // The honest releases still go through.
      expect((await releaseShares({ party: x.party, auditId })).released).to.deep.equal([1]);
      expect((await releaseShares({ party: y.party, auditId })).released).to.deep.equal([2]);
      expect(Number((await ledger.audit(auditId)).releasedCount)).to.equal(5);
    } finally {
      await world.startAgent(x.name);
      await world.startAgent(y.name);
    }
  });
});
