import { expect } from "chai";
import { network } from "hardhat";

import QualityModule, { DEFAULT_RESPONSE_PERIOD } from "../../../ignition/modules/Quality.js";
import { makeProfile, roleId } from "../../helpers/consortium.js";

const connection = await network.create();
const { ethers, ignition } = connection;

async function founderParameters() {
  const [a, b] = await ethers.getSigners();
  return [
    { account: a!.address, profile: makeProfile("Founder A").profile, roles: [roleId("SERVICER")] },
    { account: b!.address, profile: makeProfile("Founder B").profile, roles: [roleId("ARBITER")] },
  ];
}

describe("ignition/modules/Quality", function () {
  it("deploys the quality contracts on top of the SealedChain module, wired together", async function () {
    const founders = await founderParameters();
    const deployed = await ignition.deploy(QualityModule, {
      parameters: { Consortium: { founders }, Quality: { responsePeriod: 3_600 } },
    });
    const channel = await ethers.getContractAt("QualityChannel", await deployed.qualityChannel.getAddress());
    const market = await ethers.getContractAt("XorMarket", await deployed.xorMarket.getAddress());
    const board = await ethers.getContractAt("ComparisonBoard", await deployed.comparisonBoard.getAddress());
    const escrow = await ethers.getContractAt("FairExchangeEscrow", await deployed.escrow.getAddress());

    expect(await channel.registry()).to.equal(await deployed.registry.getAddress());
    expect(await escrow.registry()).to.equal(await deployed.registry.getAddress());
    expect(await escrow.ballot()).to.equal(await deployed.ballot.getAddress());
    expect(await market.channel()).to.equal(await channel.getAddress());
    expect(await market.escrow()).to.equal(await escrow.getAddress());
    expect(await board.channel()).to.equal(await channel.getAddress());
    expect(await board.responsePeriod()).to.equal(3_600n);
  });

  it("uses DEFAULT_RESPONSE_PERIOD when none is given", async function () {
    const founders = await founderParameters();
    const deployed = await ignition.deploy(QualityModule, { parameters: { Consortium: { founders } } });
    const board = await ethers.getContractAt("ComparisonBoard", await deployed.comparisonBoard.getAddress());
    expect(await board.responsePeriod()).to.equal(BigInt(DEFAULT_RESPONSE_PERIOD));
  });
});
