import { verifyTypedData, type Signer, type TypedDataDomain } from "ethers";

/**
 * A chunk owner's signed acknowledgement that it holds one chunk (the paper's "acks", kept
 * in the master table). EIP-712, bound to the chain and the ledger, so a receipt cannot be
 * replayed for another deployment.
 */
export type ChunkReceipt = { fileId: string; index: number; chunkHash: string; cid: string };

export const CHUNK_RECEIPT_TYPES = {
  ChunkReceipt: [
    { name: "fileId", type: "bytes32" },
    { name: "index", type: "uint32" },
    { name: "chunkHash", type: "bytes32" },
    { name: "cid", type: "string" },
  ],
};

export function chunkReceiptDomain({ chainId, ledger }: { chainId: bigint; ledger: string }): TypedDataDomain {
  return { name: "SealedChain TorrentLedger", version: "1", chainId, verifyingContract: ledger };
}

export function signChunkReceipt({ signer, domain, receipt }: { signer: Signer; domain: TypedDataDomain; receipt: ChunkReceipt }): Promise<string> {
  return signer.signTypedData(domain, CHUNK_RECEIPT_TYPES, receipt);
}

/** The address that signed `receipt` (compare it with the expected chunk owner). */
export function recoverChunkReceiptSigner({ domain, receipt, signature }: { domain: TypedDataDomain; receipt: ChunkReceipt; signature: string }): string {
  return verifyTypedData(domain, CHUNK_RECEIPT_TYPES, receipt, signature);
}
