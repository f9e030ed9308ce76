import { getAddress, hexlify, isAddress } from "ethers";

import { describeValue } from "../describe-value.js";
import type { Argon2Params } from "./argon2-params.js";
import { argon2Hash } from "./argon2-hash.js";
import { batchTree } from "./batch-tree.js";
import { DcmbParameterError } from "./errors.js";
import { generateSalt } from "./generate-salt.js";
import { type DcmbMessage, MAX_MESSAGE_COUNT, encodeMessage } from "./message.js";
import { type DcmbReading, encodeReadingData } from "./reading-data.js";

export type BuildBatchParameters = {
  sender: string;
  receiver: string;
  /** The channel's next batch id on chain (1, 2, 3, …). */
  batchId: number;
  /** Unix seconds, inclusive. */
  intervalStart: number;
  /** Unix seconds, exclusive; > intervalStart. */
  intervalEnd: number;
  readings: readonly DcmbReading[];
  params?: Argon2Params;
};

/** What the sender records (root, interval, messages.length) and streams (messages). */
export type DcmbBatch = { batchId: number; root: string; intervalStart: number; intervalEnd: number; messages: DcmbMessage[] };

const MAX_UINT64_SAFE = Number.MAX_SAFE_INTEGER;

function integer(name: string, value: unknown, min: number, max = MAX_UINT64_SAFE): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new DcmbParameterError({ name, problem: `expected an integer in [${min}, ${max}], got ${describeValue(value)}` });
  }
  return value;
}

/**
 * Algorithm 1 for one time interval, batched: per reading a fresh 16-byte salt and
 * leaf_i = Argon2id(encodeReadingData(reading_i), salt_i); one StandardMerkleTree over the
 * leaves (batchTree); per reading a message with its data, salt and proof. The leaves are
 * hashed one after another (Argon2id at OWASP parameters takes 19 MiB each).
 */
export async function buildBatch({ sender, receiver, batchId, intervalStart, intervalEnd, readings, params }: BuildBatchParameters): Promise<DcmbBatch> {
  if (typeof sender !== "string" || !isAddress(sender)) throw new DcmbParameterError({ name: "sender", problem: `expected an address, got ${describeValue(sender)}` });
  if (typeof receiver !== "string" || !isAddress(receiver)) throw new DcmbParameterError({ name: "receiver", problem: `expected an address, got ${describeValue(receiver)}` });
  if (getAddress(sender) === getAddress(receiver)) throw new DcmbParameterError({ name: "receiver", problem: "expected an address other than the sender's" });
  integer("batchId", batchId, 1);
  integer("intervalStart", intervalStart, 0);
  integer("intervalEnd", intervalEnd, intervalStart + 1);
  if (!Array.isArray(readings) || readings.length === 0 || readings.length > MAX_MESSAGE_COUNT) {
    throw new DcmbParameterError({ name: "readings", problem: `expected 1..${MAX_MESSAGE_COUNT} readings, got ${describeValue(readings)}` });
  }
  const prepared: { data: Uint8Array; salt: Uint8Array; leaf: string }[] = [];
  for (const [i, reading] of readings.entries()) {
    let data: Uint8Array;
    try {
      data = encodeReadingData(reading);
    } catch (cause) {
      throw new DcmbParameterError({ name: `readings[${i}]`, problem: (cause as Error).message }, { cause });
    }
    const salt = generateSalt();
    prepared.push({ data, salt, leaf: await argon2Hash({ data, salt, ...(params === undefined ? {} : { params }) }) });
  }
  const tree = batchTree(prepared.map((p) => p.leaf));
  const messages = prepared.map(({ data, salt }, index): DcmbMessage => {
    const message: DcmbMessage = {
      sender: getAddress(sender),
      receiver: getAddress(receiver),
      batchId,
      index,
      count: prepared.length,
      data: Buffer.from(data).toString("base64"),
      salt: hexlify(salt),
      proof: tree.getProof(index),
    };
    encodeMessage(message); // checks it
    return message;
  });
  return { batchId, root: tree.root, intervalStart, intervalEnd, messages };
}
