import type { Deployment } from "./load-deployment.js";
import { MissingContractError } from "./errors.js";

export type DeploymentOfContractsParameters = {
  /** Deployed contracts by contract name (e.g. `{ Ballot: deployed.ballot, … }`). */
  contracts: Record<string, { getAddress(): Promise<string> }>;
  /** First block agents should read. */
  startBlock: number;
};

export type DeploymentOfContractsResult = Pick<Deployment, "addresses" | "startBlock" | "address" | "findAddress">;

/**
 * The address book of contracts deployed in this process (an in-process chain, where no
 * deployed_addresses.json is kept): what {@link loadDeployment} returns for a devnet.
 */
export async function deploymentOfContracts({ contracts, startBlock }: DeploymentOfContractsParameters): Promise<DeploymentOfContractsResult> {
  const addresses: Record<string, string> = {};
  for (const [name, contract] of Object.entries(contracts)) addresses[name] = await contract.getAddress();
  const findAddress = (contractName: string): string | undefined => addresses[contractName];
  return {
    addresses,
    startBlock,
    findAddress,
    address(contractName) {
      const found = findAddress(contractName);
      if (found === undefined) throw new MissingContractError({ contract: contractName, file: "(in-process deployment)", known: Object.keys(addresses) });
      return found;
    },
  };
}

/** Contract name of each key the Ignition modules (ignition/modules/*.ts) return. */
const IGNITION_RESULT_CONTRACTS: Record<string, string> = {
  ballot: "Ballot",
  registry: "ConsortiumRegistry",
  escrow: "FairExchangeEscrow",
  qualityChannel: "QualityChannel",
  xorMarket: "XorMarket",
  comparisonBoard: "ComparisonBoard",
  torrentLedger: "TorrentLedger",
  dcmbAuditTrail: "DcmbAuditTrail",
  conditionNotifier: "HashedConditionNotifier",
  moduleCertification: "ModuleCertification",
  dataRegistry: "DataRegistry",
  dataMarket: "DataMarket",
  traceLedger: "TraceLedger",
  loyaltyLedger: "LoyaltyLedger",
};

/** {@link deploymentOfContracts} for the result of `ignition.deploy(<module>)` in this process. */
export async function deploymentOfIgnitionResult({
  result,
  startBlock,
}: {
  result: Record<string, { getAddress(): Promise<string> }>;
  startBlock: number;
}): Promise<DeploymentOfContractsResult> {
  const contracts: DeploymentOfContractsParameters["contracts"] = {};
  for (const [key, contract] of Object.entries(result)) {
    const name = IGNITION_RESULT_CONTRACTS[key];
    if (name === undefined) throw new TypeError(`deploymentOfIgnitionResult: unknown module result key ${JSON.stringify(key)}; add it to IGNITION_RESULT_CONTRACTS`);
    contracts[name] = contract;
  }
  return deploymentOfContracts({ contracts, startBlock });
}
