import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getBytes } from "ethers";

import type { Argon2Params } from "./argon2-params.js";
import { argon2Hash } from "./argon2-hash.js";
import { LEAF_ENCODING, proofLengthOf } from "./batch-tree.js";
import { type DcmbMessage, encodeMessage, messageData } from "./message.js";
import { type DcmbReading, decodeReadingData } from "./reading-data.js";

export type VerifyMessageParameters = { message: DcmbMessage; root: string; params?: Argon2Params };
export type VerifyMessageResult = { ok: true; reading: DcmbReading; leaf: string } | { ok: false; problem: string };

const HEX32 = /^0x[0-9a-f]{64}$/;

/**
 * The receiver's check of one message against the batch root recorded on chain: the message is
 * well formed, its data decodes to a reading, its proof has the length that leaf `index` of
 * `count` has in the batch tree, and Argon2id(data, salt) with the proof leads to `root`.
 * Never throws for a bad message; `problem` names the field that failed (root, data, salt,
 * index, proof, …).
 * The index is part of the leaf, so a message moved to another index does not verify.
 */
export async function verifyMessage({ message, root, params }: VerifyMessageParameters): Promise<VerifyMessageResult> {
  if (typeof root !== "string" || !HEX32.test(root.toLowerCase())) return { ok: false, problem: `root: expected 0x and 64 hex digits, got ${String(root).slice(0, 80)}` };
  try {
    encodeMessage(message);
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  let reading: DcmbReading;
  const data = messageData(message);
  try {
    reading = decodeReadingData(data);
  } catch (error) {
    return { ok: false, problem: `data: ${(error as Error).message}` };
  }
  const expected = proofLengthOf(message.index, message.count);
  if (message.proof.length !== expected) {
    return { ok: false, problem: `index ${message.index} of count ${message.count}: its proof has ${expected} node(s), the message has ${message.proof.length}` };
  }
  const leaf = await argon2Hash({ data, salt: getBytes(message.salt), ...(params === undefined ? {} : { params }) });
  if (!StandardMerkleTree.verify(root.toLowerCase(), LEAF_ENCODING, [message.index, leaf], message.proof)) {
    return { ok: false, problem: `proof: Argon2id(data, salt) = ${leaf} with the proof does not lead to root ${root.toLowerCase()} (data, salt, index, proof or root altered)` };
  }
  return { ok: true, reading, leaf };
}
