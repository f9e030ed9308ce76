import { AbiCoder, getBytes, keccak256, verifyMessage, type Signer } from "ethers";

/** What the receiver signs for each message it verified (EIP-191 over this digest). */
export function deliveryAckDigest(p: { sender: string; receiver: string; batchId: number; index: number; leaf: string }): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(["string", "address", "address", "uint64", "uint32", "bytes32"], ["SealedChain.dcmb.delivery-ack.v1", p.sender, p.receiver, p.batchId, p.index, p.leaf]),
  );
}

export function signDeliveryAck(p: { signer: Signer; sender: string; receiver: string; batchId: number; index: number; leaf: string }): Promise<string> {
  return p.signer.signMessage(getBytes(deliveryAckDigest(p)));
}

/** The address that signed the acknowledgement (compare with the receiver). */
export function recoverDeliveryAck(p: { sender: string; receiver: string; batchId: number; index: number; leaf: string; signature: string }): string {
  return verifyMessage(getBytes(deliveryAckDigest(p)), p.signature);
}

/** The receiver's response to one delivered message. */
export type DeliveryAck = { batchId: number; index: number; leaf: string; signature: string };

export function encodeDeliveryAck(ack: DeliveryAck): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ format: "sealedchain/dcmb-ack", version: 1, ...ack }));
}

export function decodeDeliveryAck(bytes: Uint8Array): DeliveryAck {
  const value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as Record<string, unknown>;
  if (value["format"] !== "sealedchain/dcmb-ack" || value["version"] !== 1) throw new Error("not a DCMB delivery acknowledgement (format sealedchain/dcmb-ack, version 1)");
  const { batchId, index, leaf, signature } = value;
  if (typeof batchId !== "number" || typeof index !== "number" || typeof leaf !== "string" || typeof signature !== "string") throw new Error("DCMB acknowledgement with missing or mistyped fields");
  return { batchId, index, leaf, signature };
}

/** libp2p protocol of DCMB message delivery (request: one message; response: its signed acknowledgement). */
export const DCMB_DELIVERY_PROTOCOL = "/sealedchain/dcmb/1.0.0";
