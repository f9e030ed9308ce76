import type { ContractRunner } from "ethers";

import { IModuleCertification__factory, type IModuleCertification } from "../../types/ethers-contracts/index.js";
import type { Deployment } from "../../offchain/chain/index.js";

/**
 * Typed handle on the deployed ModuleCertification, through its interface.
 * TEMPORARY: replace with `chain.connectDcmb({ deployment, runner }).certification` once
 * offchain/chain has connectDcmb (being added in parallel). Throws MissingContractError when
 * the deployment has no ModuleCertification.
 */
export function connectCertification({ deployment, runner }: { deployment: Pick<Deployment, "address">; runner: ContractRunner }): IModuleCertification {
  return IModuleCertification__factory.connect(deployment.address("ModuleCertification"), runner);
}
