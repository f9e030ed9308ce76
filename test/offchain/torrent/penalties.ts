import { expect } from "chai";
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";

import { parseEther } from "ethers";
import { network } from "hardhat";

import { changeDeposit, proposePenalty, recordMissedReleases, storeFile } from "../../../offchain/torrent/index.js";
import { DEFAULT_TORRENT_SETTINGS } from "../../../ignition/modules/Torrent.js";
import { setUpTorrentWorld, type TorrentWorld } from "../../helpers/torrent-world.js";

const connection = await network.create();
const { time } = connection.networkHelpers;

describe("offchain/torrent: a holder that does not release is recorded, and the members vote a penalty on its deposit", function () {
  this.timeout(120_000);
  let world: TorrentWorld;

  before(async function () {
    world = await setUpTorrentWorld(connection);
    for (const name of Object.keys(world.actors)) await world.startAgent(name);
  });

  after(async function () {
    await world?.stop();
  });

  it("records the silent holder after the window; a voted penalty moves 0.4 ETH of its 1 ETH deposit to the auditor, who withdraws it", async function () {
    const file = path.join(world.home, "scan.bin");
    await writeFile(file, randomBytes(10_000));
    const { fileId, holders } = await storeFile({ party: world.actors["carrier-f"]!.party, file, chunks: 3, waitMs: 60_000 });
    const silent = world.actorAt(holders.find((h) => h !== world.actors["auditor"]!.party.address)!);
    await changeDeposit({ ledger: silent.party.ledger, action: "stake", amount: parseEther("1") });
    await world.stopAgent(silent.name);

    const auditId = await world.approvedAudit(fileId, { released: holders.length - 1 });
    const { ledger } = world.actors["regulator"]!.party;
    await expect(recordMissedReleases({ ledger, auditId })).to.be.revertedWithCustomError(ledger, "TorrentReleaseStillOpen");
    await time.increase(DEFAULT_TORRENT_SETTINGS.releasePeriod + 1);
    const { missed } = await recordMissedReleases({ ledger, auditId });
    expect(missed).to.deep.equal([{ index: holders.indexOf(silent.party.address) + 1, holder: silent.party.address }]);

    const auditor = world.actors["auditor"]!;
    const { proposalId } = await proposePenalty({ ledger: world.actors["materials-a"]!.party.ledger, offender: silent.party.address, amount: parseEther("0.4"), beneficiary: auditor.party.address, reason: `audit ${auditId}: share not released` });
    const voters = ["materials-a", "chemicals-b", "servicer-s", "regulator", "auditor"].filter((name) => name !== silent.name).slice(0, 4);
    for (const name of voters) await (await world.actors[name]!.ballot.castVote(proposalId, true)).wait();
    await (await auditor.ballot.execute(proposalId)).wait();
    expect(await ledger.deposit(silent.party.address)).to.equal(parseEther("0.6"));
    expect(await ledger.credit(auditor.party.address)).to.equal(parseEther("0.4"));

    const before = await connection.ethers.provider.getBalance(auditor.party.address);
    await changeDeposit({ ledger: auditor.party.ledger, action: "withdraw-credit" });
    expect((await connection.ethers.provider.getBalance(auditor.party.address)) - before).to.be.greaterThan(parseEther("0.399"));
    expect(await ledger.credit(auditor.party.address)).to.equal(0n);
    const error = await changeDeposit({ ledger: silent.party.ledger, action: "stake" }).catch((e: unknown) => e);
    expect(String(error)).to.match(/an amount in wei > 0/);
  });
});
