import { readFile } from "node:fs/promises";
import path from "node:path";

import { getAddress } from "ethers";

import { CorruptParticipantFileError, DeploymentNotFoundError, MissingContractError } from "./errors.js";

export type LoadDeploymentParameters = {
  chainId: bigint | number;
  /** Folder holding `ignition/deployments`; defaults to the cwd. */
  projectRoot?: string | undefined;
  /** Ignition deployment id; defaults to `chain-<chainId>`. */
  deploymentId?: string | undefined;
  env?: NodeJS.ProcessEnv;
};

export type Deployment = {
  chainId: bigint;
  /** The deployed_addresses.json that was read. */
  file: string;
  /** Future id (e.g. "Consortium#ConsortiumRegistry") → checksummed address. */
  addresses: Record<string, string>;
  /** Lowest block of any deployment transaction in Ignition's journal, or 0 if unknown. */
  startBlock: number;
  /** Address of the first future whose id ends in `#<contractName>`; throws if none. */
  address(contractName: string): string;
  /** Like address() but undefined when the contract is not part of this deployment. */
  findAddress(contractName: string): string | undefined;
};

/**
 * Reads the address book Ignition wrote for a chain:
 * `<projectRoot>/ignition/deployments/chain-<id>/deployed_addresses.json`, or the file
 * named by $SEALEDCHAIN_DEPLOYMENT. The start block comes from the journal next to it
 * (journal.jsonl, TRANSACTION_CONFIRM receipts) so agents know where to begin.
 */
export async function loadDeployment({
  chainId,
  projectRoot = process.cwd(),
  deploymentId,
  env = process.env,
}: LoadDeploymentParameters): Promise<Deployment> {
  const override = env["SEALEDCHAIN_DEPLOYMENT"];
  const file =
    override !== undefined && override !== ""
      ? path.resolve(override)
      : path.resolve(projectRoot, "ignition", "deployments", deploymentId ?? `chain-${chainId}`, "deployed_addresses.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new DeploymentNotFoundError({ chainId, file });
    throw error;
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new CorruptParticipantFileError({ file, problem: "not valid JSON" }, { cause: error });
  }
  const addresses: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    try {
      addresses[key] = getAddress(String(value));
    } catch (error) {
      throw new CorruptParticipantFileError({ file, problem: `${key} is not an address` }, { cause: error });
    }
  }
  const startBlock = await readStartBlock(path.join(path.dirname(file), "journal.jsonl"));
  const findAddress = (contractName: string): string | undefined => {
    const key = Object.keys(addresses).find((k) => k === contractName || k.endsWith(`#${contractName}`));
    return key === undefined ? undefined : addresses[key];
  };
  return {
    chainId: BigInt(chainId),
    file,
    addresses,
    startBlock,
    findAddress,
    address(contractName) {
      const found = findAddress(contractName);
      if (found === undefined) throw new MissingContractError({ contract: contractName, file, known: Object.keys(addresses) });
      return found;
    },
  };
}

async function readStartBlock(journal: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(journal, "utf8");
  } catch {
    return 0;
  }
  let lowest: number | undefined;
  for (const line of text.split("\n")) {
    if (!line.includes("TRANSACTION_CONFIRM")) continue;
    try {
      const message = JSON.parse(line) as { type?: string; receipt?: { blockNumber?: unknown } };
      const block = Number(message.receipt?.blockNumber);
      if (message.type === "TRANSACTION_CONFIRM" && Number.isSafeInteger(block)) {
        lowest = lowest === undefined ? block : Math.min(lowest, block);
      }
    } catch {
      // A torn last line (Ignition interrupted) is harmless here.
    }
  }
  return lowest ?? 0;
}
