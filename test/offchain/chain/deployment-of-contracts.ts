import { expect } from "chai";

import { MissingContractError, deploymentOfContracts, deploymentOfIgnitionResult } from "../../../offchain/chain/index.js";

const at = (address: string) => ({ getAddress: async () => address });
const BALLOT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const REGISTRY = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

describe("offchain/chain deploymentOfContracts / deploymentOfIgnitionResult", function () {
  it("builds the address book of contracts deployed in this process", async () => {
    const deployment = await deploymentOfContracts({ startBlock: 7, contracts: { Ballot: at(BALLOT), ConsortiumRegistry: at(REGISTRY) } });
    expect(deployment.startBlock).to.equal(7);
    expect(deployment.addresses).to.deep.equal({ Ballot: BALLOT, ConsortiumRegistry: REGISTRY });
    expect(deployment.address("Ballot")).to.equal(BALLOT);
    expect(deployment.findAddress("XorMarket")).to.equal(undefined);
    expect(() => deployment.address("XorMarket")).to.throw(MissingContractError, /XorMarket.*Ballot, ConsortiumRegistry/);
  });

  it("maps the Ignition modules' result keys to contract names and refuses unknown keys", async () => {
    const deployment = await deploymentOfIgnitionResult({ startBlock: 0, result: { ballot: at(BALLOT), registry: at(REGISTRY) } });
    expect(deployment.address("ConsortiumRegistry")).to.equal(REGISTRY);
    const error = await deploymentOfIgnitionResult({ startBlock: 0, result: { mystery: at(BALLOT) } }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TypeError);
    expect((error as Error).message).to.contain('"mystery"');
  });
});
