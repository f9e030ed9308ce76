import { expect } from "chai";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { DeploymentNotFoundError, MissingContractError, loadDeployment } from "../../../offchain/chain/index.js";

describe("offchain/chain loadDeployment", () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), "sealedchain-deployment-"));
    const dir = path.join(root, "ignition", "deployments", "chain-31337");
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, "deployed_addresses.json"),
      JSON.stringify({ "Consortium#Ballot": "0x5fbdb2315678afecb367f032d93f642f64180aa3", "Consortium#ConsortiumRegistry": "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512" }),
    );
    await writeFile(
      path.join(dir, "journal.jsonl"),
      [
        { type: "TRANSACTION_CONFIRM", receipt: { blockNumber: 7 } },
        { type: "TRANSACTION_CONFIRM", receipt: { blockNumber: 5 } },
      ].map((m) => JSON.stringify(m)).join("\n") + "\n{\"torn",
    );
  });
  after(() => rm(root, { recursive: true, force: true }));

  it("reads Ignition's address book and the deployment block from its journal", async () => {
    const d = await loadDeployment({ chainId: 31337, projectRoot: root, env: {} });
    expect(d.address("Ballot")).to.equal("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(d.address("Consortium#ConsortiumRegistry")).to.equal("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    expect(d.startBlock).to.equal(5);
    expect(() => d.address("FairExchangeEscrow")).to.throw(MissingContractError, /Consortium#Ballot/);
  });

  it("says what to do when nothing is deployed on the chain", async () => {
    const error = await loadDeployment({ chainId: 1337, projectRoot: root, env: {} }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DeploymentNotFoundError);
    expect((error as Error).message).to.match(/nothing is deployed on chain 1337.*npm run devnet/);
  });

  it("honours SEALEDCHAIN_DEPLOYMENT", async () => {
    const file = path.join(root, "ignition", "deployments", "chain-31337", "deployed_addresses.json");
    const d = await loadDeployment({ chainId: 999, projectRoot: "/nonexistent", env: { SEALEDCHAIN_DEPLOYMENT: file } });
    expect(d.file).to.equal(file);
    expect(d.findAddress("Ballot")).to.equal("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  });
});
