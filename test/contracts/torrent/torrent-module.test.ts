import { expect } from "chai";
import { network } from "hardhat";

import PlatformModule from "../../../ignition/modules/Platform.js";
import TorrentModule, { DEFAULT_TORRENT_SETTINGS } from "../../../ignition/modules/Torrent.js";
import { connectTorrent, deploymentOfIgnitionResult } from "../../../offchain/chain/index.js";
import { makeProfile, roleId } from "../../helpers/consortium.js";

const connection = await network.create();
const { ethers, ignition } = connection;

async function founderParameters() {
  const [a, b] = await ethers.getSigners();
  return [
    { account: a!.address, profile: makeProfile("Founder A").profile, roles: [roleId("AUDITOR")] },
    { account: b!.address, profile: makeProfile("Founder B").profile, roles: [roleId("ARBITER")] },
  ];
}

describe("ignition/modules/Torrent and Platform", function () {
  it("Torrent deploys the TorrentLedger on the shared ballot and registry with the given settings", async function () {
    const founders = await founderParameters();
    const settings = { quorumBps: 6_000, votingPeriod: 600, executionWindow: 1_200, releasePeriod: 300, unstakeDelay: 900 };
    const deployed = await ignition.deploy(TorrentModule, { parameters: { Consortium: { founders }, Torrent: { settings } } });
    const ledger = await ethers.getContractAt("TorrentLedger", await deployed.torrentLedger.getAddress());
    expect(await ledger.registry()).to.equal(await deployed.registry.getAddress());
    expect(await ledger.ballot()).to.equal(await deployed.ballot.getAddress());
    const s = await ledger.settings();
    expect([s.quorumBps, s.votingPeriod, s.executionWindow, s.releasePeriod, s.unstakeDelay]).to.deep.equal(
      [6_000n, 600n, 1_200n, 300n, 900n],
    );
  });

  it("Platform deploys every part once, wired together, with DEFAULT_TORRENT_SETTINGS", async function () {
    const founders = await founderParameters();
    const deployed = await ignition.deploy(PlatformModule, { parameters: { Consortium: { founders } } });
    expect(Object.keys(deployed).sort()).to.deep.equal(
      ["ballot", "comparisonBoard", "conditionNotifier", "dataMarket", "dataRegistry", "dcmbAuditTrail", "escrow", "loyaltyLedger", "moduleCertification", "qualityChannel", "registry", "torrentLedger", "traceLedger", "xorMarket"],
    );
    const registry = await deployed.registry.getAddress();
    const ballot = await deployed.ballot.getAddress();
    const ledger = await ethers.getContractAt("TorrentLedger", await deployed.torrentLedger.getAddress());
    const escrow = await ethers.getContractAt("FairExchangeEscrow", await deployed.escrow.getAddress());
    const channel = await ethers.getContractAt("QualityChannel", await deployed.qualityChannel.getAddress());
    const market = await ethers.getContractAt("XorMarket", await deployed.xorMarket.getAddress());
    const board = await ethers.getContractAt("ComparisonBoard", await deployed.comparisonBoard.getAddress());

    expect(await ledger.registry()).to.equal(registry);
    expect(await ledger.ballot()).to.equal(ballot);
    expect(await escrow.registry()).to.equal(registry);
    expect(await escrow.ballot()).to.equal(ballot);
    expect(await channel.registry()).to.equal(registry);
    expect(await market.channel()).to.equal(await channel.getAddress());
    expect(await market.escrow()).to.equal(await escrow.getAddress());
    expect(await board.channel()).to.equal(await channel.getAddress());
    const dataRegistry = await ethers.getContractAt("DataRegistry", await deployed.dataRegistry.getAddress());
    const dataMarket = await ethers.getContractAt("DataMarket", await deployed.dataMarket.getAddress());
    const traceLedger = await ethers.getContractAt("TraceLedger", await deployed.traceLedger.getAddress());
    expect(await dataRegistry.registry()).to.equal(registry);
    expect([await dataMarket.dataRegistry(), await dataMarket.escrow()]).to.deep.equal([await dataRegistry.getAddress(), await escrow.getAddress()]);
    expect([await traceLedger.registry(), await traceLedger.requiredConfirmations()]).to.deep.equal([registry, 2n]);
    const loyaltyLedger = await ethers.getContractAt("LoyaltyLedger", await deployed.loyaltyLedger.getAddress());
    expect(await loyaltyLedger.registry()).to.equal(registry);
    const s = await ledger.settings();
    expect([s.quorumBps, s.votingPeriod, s.executionWindow, s.releasePeriod, s.unstakeDelay]).to.deep.equal(
      [
        DEFAULT_TORRENT_SETTINGS.quorumBps,
        DEFAULT_TORRENT_SETTINGS.votingPeriod,
        DEFAULT_TORRENT_SETTINGS.executionWindow,
        DEFAULT_TORRENT_SETTINGS.releasePeriod,
        DEFAULT_TORRENT_SETTINGS.unstakeDelay,
      ].map(BigInt),
    );

    // The address book and connectTorrent find the ledger by contract name.
    const deployment = await deploymentOfIgnitionResult({ result: deployed, startBlock: 0 });
    expect(deployment.address("TorrentLedger")).to.equal(await ledger.getAddress());
    const { ledger: handle } = connectTorrent({ deployment, runner: ethers.provider });
    expect(await handle.auditCount()).to.equal(0n);
    expect(await handle.getAddress()).to.equal(await ledger.getAddress());
  });
});
