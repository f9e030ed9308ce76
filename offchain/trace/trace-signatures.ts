import { verifyTypedData, type Signer, type TypedDataDomain, type TypedDataField } from "ethers";

/**
 * The EIP-712 definitions of TraceLedger, the one TypeScript home of them: an accounting
 * node signs each record and identifier mapping it posts, and the ledger accepts only the
 * caller's own signature. Bound to the chain and the ledger, so a signature cannot be
 * replayed on another deployment.
 */

/** `TraceRecord(bytes32 objectId,string infoServer,bytes32 dataHash,address transferOut,address transferIn,uint64 timestamp)` */
export const TRACE_RECORD_TYPES: Record<string, TypedDataField[]> = {
  TraceRecord: [
    { name: "objectId", type: "bytes32" },
    { name: "infoServer", type: "string" },
    { name: "dataHash", type: "bytes32" },
    { name: "transferOut", type: "address" },
    { name: "transferIn", type: "address" },
    { name: "timestamp", type: "uint64" },
  ],
};

/** `IdentifierMapping(uint8 kind,bytes32[] inputs,bytes32[] outputs,string infoServer,bytes32 dataHash,uint64 timestamp)` */
export const IDENTIFIER_MAPPING_TYPES: Record<string, TypedDataField[]> = {
  IdentifierMapping: [
    { name: "kind", type: "uint8" },
    { name: "inputs", type: "bytes32[]" },
    { name: "outputs", type: "bytes32[]" },
    { name: "infoServer", type: "string" },
    { name: "dataHash", type: "bytes32" },
    { name: "timestamp", type: "uint64" },
  ],
};

/** ITraceLedger.MappingKind values (0 is None, never valid). */
export const MAPPING_KINDS = { split: 1, merge: 2, relabel: 3 } as const;
export type MappingKindName = keyof typeof MAPPING_KINDS;

export function traceLedgerDomain({ chainId, verifyingContract }: { chainId: bigint; verifyingContract: string }): TypedDataDomain {
  return { name: "SealedChain TraceLedger", version: "1", chainId, verifyingContract };
}

/** The signed fields of a record (RecordInput without the signature). */
export type TraceRecordFields = {
  objectId: string;
  infoServer: string;
  dataHash: string;
  transferOut: string;
  transferIn: string;
  timestamp: bigint | number;
};

/** The signed fields of a mapping (MappingInput without the signature). */
export type IdentifierMappingFields = {
  kind: number;
  inputs: string[];
  outputs: string[];
  infoServer: string;
  dataHash: string;
  timestamp: bigint | number;
};

type TypedDataSigner = { signTypedData: Signer["signTypedData"] };

export function signTraceRecord({ signer, domain, fields }: { signer: TypedDataSigner; domain: TypedDataDomain; fields: TraceRecordFields }): Promise<string> {
  return signer.signTypedData(domain, TRACE_RECORD_TYPES, fields);
}

export function signIdentifierMapping({ signer, domain, fields }: { signer: TypedDataSigner; domain: TypedDataDomain; fields: IdentifierMappingFields }): Promise<string> {
  return signer.signTypedData(domain, IDENTIFIER_MAPPING_TYPES, fields);
}

/** The address that signed `fields` (compare it with the expected recorder). */
export function recoverTraceRecordSigner({ domain, fields, signature }: { domain: TypedDataDomain; fields: TraceRecordFields; signature: string }): string {
  return verifyTypedData(domain, TRACE_RECORD_TYPES, fields, signature);
}

/** The address that signed `fields` (compare it with the expected recorder). */
export function recoverIdentifierMappingSigner({ domain, fields, signature }: { domain: TypedDataDomain; fields: IdentifierMappingFields; signature: string }): string {
  return verifyTypedData(domain, IDENTIFIER_MAPPING_TYPES, fields, signature);
}
