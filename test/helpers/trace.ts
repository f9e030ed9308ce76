import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import { ZeroAddress, type ContractTransactionReceipt, type TypedDataDomain } from "ethers";

import {
  MAPPING_KINDS,
  signIdentifierMapping,
  signTraceRecord,
  traceLedgerDomain,
  type IdentifierMappingFields,
  type MappingKindName,
  type TraceRecordFields,
} from "../../offchain/trace/trace-signatures.js";
import type { Ballot, ConsortiumRegistry, TraceLedger } from "../../types/ethers-contracts/index.js";
import { deployConsortium, type ExtraRoleName } from "./consortium.js";

export const DEFAULT_INFO_SERVER = "https://info.example.org/trace";

export interface DeployTraceOptions {
  /** k; default 2. */
  requiredConfirmations?: number;
  /** Founding members taken from the first signers; default 5. */
  founders?: number;
  /** Extra roles per founder index; default founders 3 and 4 are REGULATORs. */
  founderRoles?: ReadonlyArray<ReadonlyArray<ExtraRoleName>>;
}

export interface DeployTraceResult {
  ballot: Ballot;
  registry: ConsortiumRegistry;
  ledger: TraceLedger;
  /** The founding members, in signer order. */
  founders: HardhatEthersSigner[];
  /** The remaining signers, none of them members. */
  others: HardhatEthersSigner[];
  /** The ledger's EIP-712 domain. */
  domain: TypedDataDomain;
}

/**
 * Deploys the consortium and a TraceLedger on it. Wrap it in `networkHelpers.loadFixture`
 * to reuse one deployment across tests.
 */
export async function deployTraceLedger(connection: NetworkConnection, options: DeployTraceOptions = {}): Promise<DeployTraceResult> {
  const consortium = await deployConsortium(connection, {
    founders: options.founders ?? 5,
    founderRoles: options.founderRoles ?? [[], [], [], ["REGULATOR"], ["REGULATOR"]],
  });
  const ledger = await connection.ethers.deployContract("TraceLedger", [
    await consortium.registry.getAddress(),
    options.requiredConfirmations ?? 2,
  ]);
  await ledger.waitForDeployment();
  return {
    ballot: consortium.ballot,
    registry: consortium.registry,
    ledger,
    founders: consortium.founders,
    others: consortium.others,
    domain: await traceDomainOf(ledger),
  };
}

/** The EIP-712 domain of a deployed ledger. */
export async function traceDomainOf(ledger: TraceLedger): Promise<TypedDataDomain> {
  const { chainId } = await ledger.runner!.provider!.getNetwork();
  return traceLedgerDomain({ chainId, verifyingContract: await ledger.getAddress() });
}

/** The latest block's timestamp: a record time the next transaction accepts. */
export async function latestTimestamp(ledger: TraceLedger): Promise<bigint> {
  const block = await ledger.runner!.provider!.getBlock("latest");
  return BigInt(block!.timestamp);
}

/** A RecordInput with `signer`'s signature over `fields`. */
export async function signedRecord(ledger: TraceLedger, signer: HardhatEthersSigner, fields: TraceRecordFields) {
  const signature = await signTraceRecord({ signer, domain: await traceDomainOf(ledger), fields });
  return { ...fields, signature };
}

/** A MappingInput with `signer`'s signature over `fields`. */
export async function signedMapping(ledger: TraceLedger, signer: HardhatEthersSigner, fields: IdentifierMappingFields) {
  const signature = await signIdentifierMapping({ signer, domain: await traceDomainOf(ledger), fields });
  return { ...fields, signature };
}

export interface Posted {
  id: bigint;
  receipt: ContractTransactionReceipt;
}

export interface RecordOptions {
  objectId: string;
  dataHash: string;
  infoServer?: string;
  /** Default: the latest block's timestamp. */
  timestamp?: bigint | number;
}

/** `signer` creates `objectId` with an origin record held by itself. */
export async function recordOrigin(ledger: TraceLedger, signer: HardhatEthersSigner, options: RecordOptions): Promise<Posted> {
  return postRecord(ledger, signer, options, ZeroAddress, signer.address);
}

/** `signer`, the holder, hands `objectId` to `to` (itself for a processing step). */
export async function recordTransfer(
  ledger: TraceLedger,
  signer: HardhatEthersSigner,
  options: RecordOptions & { to: string },
): Promise<Posted> {
  return postRecord(ledger, signer, options, signer.address, options.to);
}

export interface MappingOptions {
  /** keccak256 of the mapping's traceability data; non-zero. */
  dataHash: string;
  infoServer?: string;
  timestamp?: bigint | number;
}

/** `signer`, the holder of every input, maps `inputs` to the new `outputs`. */
export async function mapIdentifiers(
  ledger: TraceLedger,
  signer: HardhatEthersSigner,
  kind: MappingKindName,
  inputs: string[],
  outputs: string[],
  options: MappingOptions,
): Promise<Posted> {
  const fields: IdentifierMappingFields = {
    kind: MAPPING_KINDS[kind],
    inputs,
    outputs,
    infoServer: options.infoServer ?? DEFAULT_INFO_SERVER,
    dataHash: options.dataHash,
    timestamp: options.timestamp ?? (await latestTimestamp(ledger)),
  };
  const tx = await ledger.connect(signer).mapIdentifiers(await signedMapping(ledger, signer, fields));
  const receipt = (await tx.wait())!;
  return { id: postedId(ledger, receipt, "MappingPosted"), receipt };
}

async function postRecord(
  ledger: TraceLedger,
  signer: HardhatEthersSigner,
  options: RecordOptions,
  transferOut: string,
  transferIn: string,
): Promise<Posted> {
  const fields: TraceRecordFields = {
    objectId: options.objectId,
    infoServer: options.infoServer ?? DEFAULT_INFO_SERVER,
    dataHash: options.dataHash,
    transferOut,
    transferIn,
    timestamp: options.timestamp ?? (await latestTimestamp(ledger)),
  };
  const tx = await ledger.connect(signer).record(await signedRecord(ledger, signer, fields));
  const receipt = (await tx.wait())!;
  return { id: postedId(ledger, receipt, "RecordPosted"), receipt };
}

/** The record or mapping id of the posted event in `receipt`. */
function postedId(ledger: TraceLedger, receipt: ContractTransactionReceipt, event: "RecordPosted" | "MappingPosted"): bigint {
  for (const log of receipt.logs) {
    const parsed = ledger.interface.parseLog(log);
    if (parsed?.name === event) return parsed.args[0] as bigint;
  }
  throw new Error(`no ${event} event in transaction ${receipt.hash}`);
}
