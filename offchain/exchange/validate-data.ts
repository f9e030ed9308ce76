import { encodeDocument } from "../document-reader.js";
import { ENTRY_STATES, stateName } from "./entry-states.js";
import { ExchangeStateError } from "./errors.js";
import type { ExchangeParty } from "./exchange-party.js";
import { inspectEntry } from "./inspect-entry.js";

/** The certificate a regulator issues (D3.6 clause 9.4): what it checked, kept in its own
 * node; its CID goes on chain with the certification. */
export function encodeCertificate(fields: {
  chainId: bigint;
  dataRegistry: string;
  entryId: bigint;
  fingerprint: string;
  regulator: string;
  statement: string;
  checkedAt: string;
}): Uint8Array {
  return encodeDocument({
    format: "sealedchain.exchange.certificate",
    version: 1,
    chainId: fields.chainId.toString(),
    dataRegistry: fields.dataRegistry,
    entryId: fields.entryId.toString(),
    fingerprint: fields.fingerprint,
    regulator: fields.regulator,
    statement: fields.statement,
    checkedAt: fields.checkedAt,
  });
}

async function assertPending(party: ExchangeParty, entryId: bigint): Promise<void> {
  const state = stateName(ENTRY_STATES, await party.contracts.dataRegistry.entryState(entryId));
  if (state !== "Pending") throw new ExchangeStateError({ what: `entry ${entryId}`, expected: "Pending (validation happens once)", got: state });
}

/** A REGULATOR certifies entry `entryId` after inspecting it; refuses when the data does not
 * match the chain (reject it instead, naming the problems). */
export async function certifyData({ party, entryId, statement }: { party: ExchangeParty; entryId: bigint; statement: string }) {
  await assertPending(party, entryId);
  const { entry, metadata, problems } = await inspectEntry({ party, entryId });
  if (problems.length > 0) throw new ExchangeStateError({ what: `entry ${entryId}`, expected: "data matching its on-chain record before certifying", got: problems.join("; ") });
  const { dataRegistry } = party.contracts;
  const { chainId } = await party.signer.provider!.getNetwork();
  const certificate = encodeCertificate({
    chainId,
    dataRegistry: await dataRegistry.getAddress(),
    entryId,
    fingerprint: entry.fingerprint,
    regulator: party.address,
    statement,
    checkedAt: new Date().toISOString(),
  });
  const certificateCid = await party.store.put(certificate);
  await party.store.pin(certificateCid);
  const tx = await dataRegistry.certify(entryId, certificateCid);
  const receipt = await tx.wait();
  return { certificateCid, metadata, txHash: tx.hash, gasUsed: receipt!.gasUsed };
}

/** A REGULATOR rejects entry `entryId` with a reason the submitter can act on. */
export async function rejectData({ party, entryId, reason }: { party: ExchangeParty; entryId: bigint; reason: string }) {
  await assertPending(party, entryId);
  const tx = await party.contracts.dataRegistry.reject(entryId, reason);
  const receipt = await tx.wait();
  return { txHash: tx.hash, gasUsed: receipt!.gasUsed };
}

/** The resubmission chain containing `entryId`, oldest first, with each entry's outcome. */
export async function entryHistory({ dataRegistry, entryId }: { dataRegistry: ExchangeParty["contracts"]["dataRegistry"]; entryId: bigint }) {
  const ids = await dataRegistry.history(entryId);
  return Promise.all(
    ids.map(async (id) => {
      const e = await dataRegistry.entry(id);
      return {
        entryId: id,
        state: stateName(ENTRY_STATES, e.state),
        submitter: e.submitter,
        device: e.device,
        fingerprint: e.fingerprint,
        cid: e.cid,
        submittedAt: e.submittedAt,
        validator: e.validator,
        validatedAt: e.validatedAt,
        certificateCid: e.certificateCid,
        rejectionReason: e.rejectionReason,
      };
    }),
  );
}
