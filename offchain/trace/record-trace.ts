import { ZeroAddress, getAddress } from "ethers";

import { chainTime, waitForEvent } from "../chain/index.js";
import { postTraceData } from "./information-client.js";
import { MAPPING_KINDS, signIdentifierMapping, signTraceRecord, traceLedgerDomain, type MappingKindName } from "./trace-signatures.js";
import { encodeTraceData } from "./trace-data.js";
import type { TraceParty } from "./trace-party.js";

/** The EIP-712 domain of the party's ledger on its chain. */
export async function traceDomainOf(party: Pick<TraceParty, "signer" | "ledger">) {
  const { chainId } = await party.signer.provider!.getNetwork();
  return traceLedgerDomain({ chainId, verifyingContract: await party.ledger.getAddress() });
}

/** Seconds since the epoch for a record's timestamp; the chain refuses one after its block. */
function nowSeconds(at: Date): bigint {
  return BigInt(Math.floor(at.getTime() / 1000));
}

/** The time of a record: as given, else the chain's clock (see chainTime). */
async function recordTime(party: Pick<TraceParty, "signer">, at: Date | undefined): Promise<Date> {
  return at ?? new Date((await chainTime(party.signer.provider!)) * 1000);
}

/**
 * An accounting node posts a traceability mapping record (D3.6 I.1.5 (1)): the traceability
 * data goes to its own information server, the record (object, server URL, keccak256 of the
 * data, transfer-out/in accounts, timestamp) is signed (EIP-712) and posted on chain.
 * `to` = the next holder; `origin` = a new object created by this member (no transfer-out).
 */
export async function recordTrace({
  party,
  objectId,
  to,
  origin = false,
  step,
  details = {},
  at: given,
}: {
  party: TraceParty;
  objectId: string;
  to: string;
  origin?: boolean;
  step: string;
  details?: Record<string, unknown>;
  /** When it happened; default the chain's clock. */
  at?: Date;
}) {
  const at = await recordTime(party, given);
  const bytes = encodeTraceData({ objectId, step, at: at.toISOString(), by: party.address, details });
  const dataHash = await postTraceData({ url: party.infoServer.url, token: party.infoServer.token, bytes });
  const fields = {
    objectId,
    infoServer: party.infoServer.url,
    dataHash,
    transferOut: origin ? ZeroAddress : party.address,
    transferIn: getAddress(to),
    timestamp: nowSeconds(at),
  };
  const signature = await signTraceRecord({ signer: party.signer, domain: await traceDomainOf(party), fields });
  const tx = await party.ledger.record({ ...fields, signature });
  const { args, receipt } = await waitForEvent(tx, party.ledger, "RecordPosted");
  return { recordId: args.getValue("recordId") as bigint, dataHash, txHash: tx.hash, gasUsed: receipt.gasUsed };
}

/** The holder records a split, merge or relabel of identifiers, with its own traceability
 * data (what was done) on its information server. */
export async function mapObjects({
  party,
  kind,
  inputs,
  outputs,
  step,
  details = {},
  at: given,
}: {
  party: TraceParty;
  kind: MappingKindName;
  inputs: string[];
  outputs: string[];
  step: string;
  details?: Record<string, unknown>;
  /** When it happened; default the chain's clock. */
  at?: Date;
}) {
  const at = await recordTime(party, given);
  // The data document names the first output: the mapping is traced back from its outputs.
  const bytes = encodeTraceData({ objectId: outputs[0]!, step, at: at.toISOString(), by: party.address, details: { ...details, kind, inputs, outputs } });
  const dataHash = await postTraceData({ url: party.infoServer.url, token: party.infoServer.token, bytes });
  const fields = { kind: MAPPING_KINDS[kind], inputs, outputs, infoServer: party.infoServer.url, dataHash, timestamp: nowSeconds(at) };
  const signature = await signIdentifierMapping({ signer: party.signer, domain: await traceDomainOf(party), fields });
  const tx = await party.ledger.mapIdentifiers({ ...fields, signature });
  const { args, receipt } = await waitForEvent(tx, party.ledger, "MappingPosted");
  return { mappingId: args.getValue("mappingId") as bigint, dataHash, txHash: tx.hash, gasUsed: receipt.gasUsed };
}
