import { verifyTypedData, type Signer, type TypedDataDomain, type TypedDataField } from "ethers";

/**
 * The EIP-712 statement an approved device signs for each data entry it produces
 * (contracts/exchange/DataRegistry.sol). Bound to the chain and the registry contract, so a
 * signature cannot be replayed on another deployment; the registry accepts each digest once.
 */
export const DATA_ENTRY_TYPES: Record<string, TypedDataField[]> = {
  DataEntry: [
    { name: "fingerprint", type: "bytes32" },
    { name: "metadataHash", type: "bytes32" },
    { name: "producedAt", type: "uint64" },
  ],
};

/** fingerprint: SHA-256 of the plaintext; metadataHash: keccak256 of the metadata JSON bytes. */
export type DataEntryFields = { fingerprint: string; metadataHash: string; producedAt: bigint | number };

export function dataRegistryDomain({ chainId, verifyingContract }: { chainId: bigint; verifyingContract: string }): TypedDataDomain {
  return { name: "SealedChain DataRegistry", version: "1", chainId, verifyingContract };
}

/** The device's signature over `fields` (ethers produces low-s signatures, as the registry requires). */
export function signDataEntry({
  signer,
  domain,
  fields,
}: {
  signer: { signTypedData: Signer["signTypedData"] };
  domain: TypedDataDomain;
  fields: DataEntryFields;
}): Promise<string> {
  return signer.signTypedData(domain, DATA_ENTRY_TYPES, fields);
}

/** The address that signed `fields` (compare it with the device named in the submission). */
export function recoverDataEntrySigner({
  domain,
  fields,
  signature,
}: {
  domain: TypedDataDomain;
  fields: DataEntryFields;
  signature: string;
}): string {
  return verifyTypedData(domain, DATA_ENTRY_TYPES, fields, signature);
}
