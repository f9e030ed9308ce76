import type { Signer } from "ethers";

import { chainTime, waitForEvent } from "../chain/index.js";
import { dataRegistryDomain, signDataEntry } from "./data-entry-signature.js";
import { sealDataEntry } from "./data-entry.js";
import { ExchangeStateError } from "./errors.js";
import type { ExchangeParty } from "./exchange-party.js";
import { regulatorsOf } from "./regulators-of.js";

export type SubmitDataParameters = {
  party: ExchangeParty;
  /** The approved device's key: it signs the entry (EIP-712) as the data's producer. */
  device: Pick<Signer, "signTypedData" | "getAddress">;
  data: Uint8Array;
  category: string;
  description: string;
  mediaType: string;
  /** Unix seconds the device produced the data; default the chain's clock (chainTime). */
  producedAt?: number;
  /** The member's own Rejected entry this one corrects. */
  resubmits?: bigint;
};

/**
 * Data submission (D3.6 clause 9.3): encrypts the data under a fresh data key, keeps the
 * ciphertext and the entry document (data key sealed to every current REGULATOR) in the
 * member's own node, has the device sign fingerprint + metadata, submits on chain and keeps
 * the data key in the member's vault.
 */
export async function submitData({ party, device, data, category, description, mediaType, producedAt, resubmits = 0n }: SubmitDataParameters) {
  const { dataRegistry } = party.contracts;
  const regulators = await regulatorsOf(party.registry);
  if (regulators.length === 0) throw new ExchangeStateError({ what: "the consortium", expected: "at least one REGULATOR to validate submissions", got: "none" });
  const deviceAddress = await device.getAddress();
  const at = producedAt ?? (await chainTime(party.signer.provider!));
  const sealed = await sealDataEntry({
    data,
    metadata: { category, description, mediaType, size: data.length, producedAt: at, device: deviceAddress },
    regulators,
    store: party.store,
  });
  const { chainId } = await party.signer.provider!.getNetwork();
  const domain = dataRegistryDomain({ chainId, verifyingContract: await dataRegistry.getAddress() });
  const fields = { fingerprint: sealed.fingerprint, metadataHash: sealed.metadataHash, producedAt: at };
  const signature = await signDataEntry({ signer: device, domain, fields });
  await party.vault.save(sealed.fingerprint, sealed.dataKey);
  const tx = await dataRegistry.submit({ device: deviceAddress, ...fields, cid: sealed.entryCid, resubmits, signature });
  const { args, receipt } = await waitForEvent(tx, dataRegistry, "DataSubmitted");
  return { entryId: args.getValue("entryId") as bigint, entryCid: sealed.entryCid, dataCid: sealed.dataCid, fingerprint: sealed.fingerprint, regulators: regulators.map((r) => r.address), txHash: tx.hash, gasUsed: receipt.gasUsed };
}
