import type { ContractRunner } from "ethers";

import {
  IDcmbAuditTrail__factory,
  IHashedConditionNotifier__factory,
  IModuleCertification__factory,
  type IDcmbAuditTrail,
  type IHashedConditionNotifier,
  type IModuleCertification,
} from "../../types/ethers-contracts/index.js";
import type { Deployment } from "./load-deployment.js";

export type ConnectDcmbParameters = {
  deployment: Pick<Deployment, "address">;
  /** A provider for reads, a signer (participant wallet connected to a provider) for writes. */
  runner: ContractRunner;
};

/** The contracts of the DCMB part (Stodt & Reich). */
export type DcmbContracts = {
  auditTrail: IDcmbAuditTrail;
  notifier: IHashedConditionNotifier;
  certification: IModuleCertification;
};

/** Typed handles (typechain) on the deployed DCMB contracts, through their interfaces. Throws
 * MissingContractError when the deployment has no DCMB module (ignition/modules/Dcmb.ts). */
export function connectDcmb({ deployment, runner }: ConnectDcmbParameters): DcmbContracts {
  return {
    auditTrail: IDcmbAuditTrail__factory.connect(deployment.address("DcmbAuditTrail"), runner),
    notifier: IHashedConditionNotifier__factory.connect(deployment.address("HashedConditionNotifier"), runner),
    certification: IModuleCertification__factory.connect(deployment.address("ModuleCertification"), runner),
  };
}
