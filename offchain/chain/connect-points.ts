import type { ContractRunner } from "ethers";

import { ILoyaltyLedger__factory, type ILoyaltyLedger } from "../../types/ethers-contracts/index.js";
import type { Deployment } from "./load-deployment.js";

/** Typed handle (typechain) on the deployed LoyaltyLedger (points part, Hu et al.). Throws
 * MissingContractError when the deployment has no Points module (ignition/modules/Points.ts). */
export function connectPoints({ deployment, runner }: { deployment: Pick<Deployment, "address">; runner: ContractRunner }): { ledger: ILoyaltyLedger } {
  return { ledger: ILoyaltyLedger__factory.connect(deployment.address("LoyaltyLedger"), runner) };
}
