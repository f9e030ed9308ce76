import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import DcmbModule, { DEFAULT_CERTIFICATION_SETTINGS } from "../../ignition/modules/Dcmb.js";
import type {
  Ballot,
  ConsortiumRegistry,
  DcmbAuditTrail,
  HashedConditionNotifier,
  ModuleCertification,
} from "../../types/ethers-contracts/index.js";
import { sixFounders } from "./consortium.js";

export interface DeployDcmbResult {
  ballot: Ballot;
  registry: ConsortiumRegistry;
  auditTrail: DcmbAuditTrail;
  notifier: HashedConditionNotifier;
  certification: ModuleCertification;
  /** The six founding members, in signer order (no extra roles). */
  members: HardhatEthersSigner[];
  /** Not members. */
  outsiders: HardhatEthersSigner[];
  settings: typeof DEFAULT_CERTIFICATION_SETTINGS;
}

/**
 * Deploys the Dcmb Ignition module (and with it the Consortium and SealedChain modules) with
 * six founders holding MEMBER only and the default certification settings.
 * Wrap it in `networkHelpers.loadFixture` to reuse one deployment across tests.
 */
export async function deployDcmb(connection: NetworkConnection): Promise<DeployDcmbResult> {
  const { members, outsiders, founders } = await sixFounders(connection);
  const deployed = await connection.ignition.deploy(DcmbModule, { parameters: { Consortium: { founders } } });
  const { ethers } = connection;
  return {
    ballot: await ethers.getContractAt("Ballot", await deployed.ballot.getAddress()),
    registry: await ethers.getContractAt("ConsortiumRegistry", await deployed.registry.getAddress()),
    auditTrail: await ethers.getContractAt("DcmbAuditTrail", await deployed.dcmbAuditTrail.getAddress()),
    notifier: await ethers.getContractAt("HashedConditionNotifier", await deployed.conditionNotifier.getAddress()),
    certification: await ethers.getContractAt("ModuleCertification", await deployed.moduleCertification.getAddress()),
    members,
    outsiders,
    settings: DEFAULT_CERTIFICATION_SETTINGS,
  };
}
