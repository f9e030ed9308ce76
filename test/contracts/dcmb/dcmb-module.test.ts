import { expect } from "chai";
import { network } from "hardhat";

import DcmbModule, { DEFAULT_CERTIFICATION_SETTINGS } from "../../../ignition/modules/Dcmb.js";
import PlatformModule from "../../../ignition/modules/Platform.js";
import { connectDcmb, deploymentOfIgnitionResult } from "../../../offchain/chain/index.js";
import { makeProfile, roleId } from "../../helpers/consortium.js";

const connection = await network.create();
const { ethers, ignition } = connection;

async function founderParameters() {
  const [a, b] = await ethers.getSigners();
  return [
    { account: a!.address, profile: makeProfile("Founder A").profile, roles: [roleId("VALIDATOR")] },
    { account: b!.address, profile: makeProfile("Founder B").profile, roles: [] },
  ];
}

describe("ignition/modules/Dcmb and Platform", function () {
  it("Dcmb deploys the three contracts on the shared ballot and registry with the given settings", async function () {
    const founders = await founderParameters();
    const certificationSettings = { quorumBps: 6_000, votingPeriod: 600, executionWindow: 1_200 };
    const deployed = await ignition.deploy(DcmbModule, { parameters: { Consortium: { founders }, Dcmb: { certificationSettings } } });
    const registry = await deployed.registry.getAddress();
    const certification = await ethers.getContractAt("ModuleCertification", await deployed.moduleCertification.getAddress());
    const trail = await ethers.getContractAt("DcmbAuditTrail", await deployed.dcmbAuditTrail.getAddress());
    const notifier = await ethers.getContractAt("HashedConditionNotifier", await deployed.conditionNotifier.getAddress());
    expect(await certification.registry()).to.equal(registry);
    expect(await certification.ballot()).to.equal(await deployed.ballot.getAddress());
    expect(await trail.registry()).to.equal(registry);
    expect(await notifier.registry()).to.equal(registry);
    const s = await certification.settings();
    expect([s.quorumBps, s.votingPeriod, s.executionWindow]).to.deep.equal([6_000n, 600n, 1_200n]);
  });

  it("Platform deploys the DCMB contracts wired to the one registry and ballot, reachable by connectDcmb", async function () {
    const founders = await founderParameters();
    const deployed = await ignition.deploy(PlatformModule, { parameters: { Consortium: { founders } } });
    const registry = await deployed.registry.getAddress();
    const ballot = await deployed.ballot.getAddress();
    const torrent = await ethers.getContractAt("TorrentLedger", await deployed.torrentLedger.getAddress());
    const certification = await ethers.getContractAt("ModuleCertification", await deployed.moduleCertification.getAddress());
    const trail = await ethers.getContractAt("DcmbAuditTrail", await deployed.dcmbAuditTrail.getAddress());
    const notifier = await ethers.getContractAt("HashedConditionNotifier", await deployed.conditionNotifier.getAddress());
    expect(await torrent.registry()).to.equal(registry);
    expect(await certification.registry()).to.equal(registry);
    expect(await certification.ballot()).to.equal(ballot);
    expect(await trail.registry()).to.equal(registry);
    expect(await notifier.registry()).to.equal(registry);
    const s = await certification.settings();
    expect([s.quorumBps, s.votingPeriod, s.executionWindow]).to.deep.equal(
      [DEFAULT_CERTIFICATION_SETTINGS.quorumBps, DEFAULT_CERTIFICATION_SETTINGS.votingPeriod, DEFAULT_CERTIFICATION_SETTINGS.executionWindow].map(
        BigInt,
      ),
    );

    const deployment = await deploymentOfIgnitionResult({ result: deployed, startBlock: 0 });
    expect(deployment.address("DcmbAuditTrail")).to.equal(await trail.getAddress());
    expect(deployment.address("HashedConditionNotifier")).to.equal(await notifier.getAddress());
    expect(deployment.address("ModuleCertification")).to.equal(await certification.getAddress());
    const handles = connectDcmb({ deployment, runner: ethers.provider });
    expect(await handles.auditTrail.getAddress()).to.equal(await trail.getAddress());
    expect(await handles.notifier.conditionCount()).to.equal(0n);
    expect(await handles.certification.versionCount()).to.equal(0n);
    const [a] = await ethers.getSigners();
    expect(await handles.auditTrail.lastBatchId(a!.address, registry)).to.equal(0n);
  });
});
