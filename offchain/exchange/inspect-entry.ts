import { getAddress } from "ethers";

import { fetchFromMember } from "../chain/index.js";
import { encodeEntryMetadata, metadataHashOf, type EntryMetadata } from "./entry-metadata.js";
import { openDataEntry } from "./data-entry.js";
import type { ExchangeParty } from "./exchange-party.js";

/**
 * A REGULATOR's look at a submitted entry (D3.6 clause 9.4): fetches the entry document and
 * ciphertext from the submitter's node, opens the data key sealed to this regulator, decrypts,
 * and checks the data against what the chain holds: SHA-256 fingerprint, metadata hash, device
 * and production time. Returns the data and the list of problems found (empty when it matches).
 */
export async function inspectEntry({ party, entryId }: { party: ExchangeParty; entryId: bigint }): Promise<{
  entry: Awaited<ReturnType<ExchangeParty["contracts"]["dataRegistry"]["entry"]>>;
  metadata: EntryMetadata;
  data: Uint8Array;
  problems: string[];
}> {
  const entry = await party.contracts.dataRegistry.entry(entryId);
  const fetch = (cid: string) => fetchFromMember({ registry: party.registry, store: party.store, member: entry.submitter, cid, timeoutMs: party.fetchTimeoutMs ?? 15_000 });
  const entryBytes = await fetch(entry.cid);
  const { metadata, data } = await openDataEntry({
    entryBytes,
    fetchCiphertext: fetch,
    key: { regulator: party.address, privateKey: party.encryptionPrivateKey },
    expectedFingerprint: entry.fingerprint,
  });
  const problems: string[] = [];
  const metadataHash = metadataHashOf(encodeEntryMetadata(metadata));
  if (metadataHash !== entry.metadataHash.toLowerCase()) problems.push(`metadata hash ${metadataHash} differs from the signed one on chain (${entry.metadataHash})`);
  if (getAddress(metadata.device) !== getAddress(entry.device)) problems.push(`metadata names device ${metadata.device}, but device ${entry.device} signed the entry`);
  if (BigInt(metadata.producedAt) !== entry.producedAt) problems.push(`metadata says produced at ${metadata.producedAt}, the device signed ${entry.producedAt}`);
  return { entry, metadata, data, problems };
}
