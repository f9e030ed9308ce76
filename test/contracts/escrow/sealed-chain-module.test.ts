import { expect } from "chai";
import { network } from "hardhat";

import SealedChainModule, { DEFAULT_DISPUTE_SETTINGS } from "../../../ignition/modules/SealedChain.js";
import { makeProfile, roleId } from "../../helpers/consortium.js";

const connection = await network.create();
const { ethers, ignition } = connection;

async function founderParameters() {
  const [a, b] = await ethers.getSigners();
  return [
    { account: a!.address, profile: makeProfile("Founder A").profile, roles: [roleId("ARBITER")] },
    { account: b!.address, profile: makeProfile("Founder B").profile, roles: [] },
  ];
}

describe("ignition/modules/SealedChain", function () {
  it("deploys the ballot, the registry and an escrow wired to both", async function () {
    const founders = await founderParameters();
    const settings = { quorumBps: 6_000, votingPeriod: 7_200, executionWindow: 3_600 };
    const { ballot, registry, escrow } = await ignition.deploy(SealedChainModule, {
      parameters: { Consortium: { founders }, SealedChain: { disputeSettings: settings } },
    });
    const typedEscrow = await ethers.getContractAt("FairExchangeEscrow", await escrow.getAddress());
    const typedRegistry = await ethers.getContractAt("ConsortiumRegistry", await registry.getAddress());

    expect(await typedEscrow.registry()).to.equal(await registry.getAddress());
    expect(await typedEscrow.ballot()).to.equal(await ballot.getAddress());
    expect(await typedRegistry.ballot()).to.equal(await ballot.getAddress());
    const stored = await typedEscrow.disputeSettings();
    expect([stored.quorumBps, stored.votingPeriod, stored.executionWindow]).to.deep.equal([6_000n, 7_200n, 3_600n]);
    expect(await typedRegistry.hasRole(roleId("ARBITER"), founders[0]!.account)).to.equal(true);
    expect(await typedRegistry.hasRole(roleId("MEMBER"), founders[1]!.account)).to.equal(true);
  });

  it("uses DEFAULT_DISPUTE_SETTINGS when none are given", async function () {
    const founders = await founderParameters();
    const { escrow } = await ignition.deploy(SealedChainModule, {
      parameters: { Consortium: { founders } },
    });
    const typedEscrow = await ethers.getContractAt("FairExchangeEscrow", await escrow.getAddress());
    const stored = await typedEscrow.disputeSettings();
    expect(stored.quorumBps).to.equal(BigInt(DEFAULT_DISPUTE_SETTINGS.quorumBps));
    expect(stored.votingPeriod).to.equal(BigInt(DEFAULT_DISPUTE_SETTINGS.votingPeriod));
    expect(stored.executionWindow).to.equal(BigInt(DEFAULT_DISPUTE_SETTINGS.executionWindow));
  });
});
