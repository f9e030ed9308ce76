import { getAddress } from "ethers";

import { fetchTraceData } from "./information-client.js";
import { traceDomainOf } from "./record-trace.js";
import { recoverIdentifierMappingSigner, recoverTraceRecordSigner } from "./trace-signatures.js";
import { parseTraceData, traceDataHash } from "./trace-data.js";
import type { TraceParty } from "./trace-party.js";

export type TraceEntryKind = "record" | "mapping";

/** What a verification node found: no problems means it may confirm. `unreachable` is set
 * when the information server could not be asked (try again later rather than refuse). */
export type TraceVerification = { problems: string[]; unreachable: boolean };

/**
 * A verification node's check of one record or mapping (D3.6 I.1.5 (1) step 4): the
 * accounting node's signature recovers to the recorder, the traceability data fetched from the
 * named information server hashes to the recorded value, parses, and describes this object
 * (for a mapping, one of its outputs) and this recorder. Custody rules are the contract's.
 */
export async function verifyTrace({
  party,
  kind,
  id,
  timeoutMs = 5_000,
}: {
  party: Pick<TraceParty, "signer" | "ledger">;
  kind: TraceEntryKind;
  id: bigint;
  timeoutMs?: number;
}): Promise<TraceVerification> {
  const { ledger } = party;
  const domain = await traceDomainOf(party);
  const problems: string[] = [];
  let recorder: string, infoServer: string, dataHash: string, objects: string[];
  if (kind === "record") {
    const r = await ledger.recordOf(id);
    ({ recorder, infoServer, dataHash } = r);
    objects = [r.objectId];
    const fields = { objectId: r.objectId, infoServer, dataHash, transferOut: r.transferOut, transferIn: r.transferIn, timestamp: r.timestamp };
    const signer = recoverTraceRecordSigner({ domain, fields, signature: r.signature });
    if (getAddress(signer) !== getAddress(recorder)) problems.push(`signature recovers to ${signer}, not the recorder ${recorder}`);
  } else {
    const m = await ledger.mappingOf(id);
    ({ recorder, infoServer, dataHash } = m);
    objects = [...m.outputs];
    const fields = { kind: Number(m.kind), inputs: [...m.inputs], outputs: [...m.outputs], infoServer, dataHash, timestamp: m.timestamp };
    const signer = recoverIdentifierMappingSigner({ domain, fields, signature: m.signature });
    if (getAddress(signer) !== getAddress(recorder)) problems.push(`signature recovers to ${signer}, not the recorder ${recorder}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await fetchTraceData({ url: infoServer, hash: dataHash, timeoutMs });
  } catch (error) {
    return { problems: [...problems, `information server ${infoServer}: ${(error as Error).message}`], unreachable: true };
  }
  const actual = traceDataHash(bytes);
  if (actual !== dataHash.toLowerCase()) {
    problems.push(`data from ${infoServer} hashes to ${actual}, not the recorded ${dataHash}`);
    return { problems, unreachable: false };
  }
  try {
    const data = parseTraceData(bytes);
    if (!objects.includes(data.objectId)) problems.push(`data describes object ${data.objectId}, not ${objects.join(" / ")}`);
    if (getAddress(data.by) !== getAddress(recorder)) problems.push(`data names ${data.by} as its author, not the recorder ${recorder}`);
  } catch (error) {
    problems.push((error as Error).message);
  }
  return { problems, unreachable: false };
}

/** Confirms a record or mapping after `verifyTrace` found nothing wrong; sends nothing when
 * this verifier already confirmed it. */
export async function confirmTrace({ party, kind, id }: { party: Pick<TraceParty, "signer" | "ledger" | "address">; kind: TraceEntryKind; id: bigint }) {
  const { ledger } = party;
  const already = kind === "record" ? await ledger.hasConfirmedRecord(id, party.address) : await ledger.hasConfirmedMapping(id, party.address);
  if (already) return { confirmed: false as const, reason: "already confirmed by this verifier" };
  const verification = await verifyTrace({ party, kind, id });
  if (verification.problems.length > 0) return { confirmed: false as const, reason: verification.problems.join("; "), unreachable: verification.unreachable };
  const tx = kind === "record" ? await ledger.confirmRecord(id) : await ledger.confirmMapping(id);
  const receipt = await tx.wait();
  return { confirmed: true as const, txHash: tx.hash, gasUsed: receipt!.gasUsed };
}
