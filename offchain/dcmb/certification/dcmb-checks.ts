import { getBytes, hexlify } from "ethers";

import { IDcmbAuditTrail__factory, IHashedConditionNotifier__factory } from "../../../types/ethers-contracts/index.js";
import { buildBatch, conditionHash, ruleFor, verifyMessage, type Argon2Params, type DcmbBatch, type DcmbMessage, type IntervalRule } from "../index.js";
import { datasetParsesCheck, sourceHashesDeterministicallyCheck } from "./generic-checks.js";
import { parseValidationDataset } from "./parse-validation-dataset.js";
import type { ValidationCheckDefinition } from "./validation-types.js";

/**
 * The checks every validation entity runs on the DCMB module (paper section 3.3: validate
 * the module's functionality against the confidentiality requirements and a validation data
 * set): the two generic checks, then four DCMB-specific ones run offline (no chain) on the
 * data set in validation-dataset.csv (values in [5300, 5400) such as 5367):
 * - confidentiality: no reading value appears in anything destined for the chain;
 * - every message verifies against its root;
 * - tampered messages (data, salt, index, proof) are rejected;
 * - salts are unique and at least 16 bytes.
 */

/** Light Argon2id for the checks: they test the construction, not the cost (the KAT covers OWASP). */
export const VALIDATION_ARGON2: Argon2Params = { memoryKiB: 1024, iterations: 1, parallelism: 1 };
const LIGHT = `light Argon2id m=${VALIDATION_ARGON2.memoryKiB} KiB, t=${VALIDATION_ARGON2.iterations}, p=${VALIDATION_ARGON2.parallelism}`;
/** The validation channel: fixed addresses whose bytes cannot look like a reading. */
const SENDER = "0x1111111111111111111111111111111111111111";
const RECEIVER = "0x2222222222222222222222222222222222222222";
/** The README's rules (Algorithm 4). */
export const VALIDATION_RULES: readonly IntervalRule[] = [
  { min: 5300, max: 5400, label: "maintenance imminent", severity: 4 },
  { min: 5400, max: 1_000_000, label: "maintenance overdue", severity: 5 },
];
const CONDITION_SALT = getBytes("0x" + "5a".repeat(16));
/** Readings per batch (one interval). */
const BATCH_SIZE = 50;

/** What the validation builds from the data set: the batches and the hashed labels its readings map to. */
export type ValidationBatches = { values: number[]; batches: DcmbBatch[]; conditionHashes: string[] };

/** The calldata (0x hex) of every transaction the module sends about these batches and conditions. */
export type ChainCalldataProducer = (p: { batches: readonly DcmbBatch[]; conditionHashes: readonly string[]; sender: string; receiver: string }) => string[];

/** The real encoding, as the module's contract calls make it: recordBatch per batch, registerCondition (receiver) and post (sender) per hashed label. */
export const encodeDcmbCalldata: ChainCalldataProducer = ({ batches, conditionHashes, sender, receiver }) => {
  const trail = IDcmbAuditTrail__factory.createInterface();
  const notifier = IHashedConditionNotifier__factory.createInterface();
  return [
    ...batches.map((b) => trail.encodeFunctionData("recordBatch", [receiver, b.batchId, b.root, b.messages.length, b.intervalStart, b.intervalEnd])),
    ...conditionHashes.flatMap((hash, i) => [notifier.encodeFunctionData("registerCondition", [sender, hash, 4 + (i % 2)]), notifier.encodeFunctionData("post", [receiver, hash])]),
  ];
};

const cache = new WeakMap<Uint8Array, Promise<ValidationBatches>>();

/** Batches of BATCH_SIZE readings ("work-pieces") built with the module's buildBatch, and the condition hashes; once per data set. */
export function buildValidationBatches(dataset: Uint8Array, params: Argon2Params = VALIDATION_ARGON2): Promise<ValidationBatches> {
  const cached = params === VALIDATION_ARGON2 ? cache.get(dataset) : undefined;
  if (cached !== undefined) return cached;
  const built = (async () => {
    const readings = parseValidationDataset({ bytes: dataset }).map((r) => ({ time: /^-?[0-9]+$/.test(r.time) ? Number(r.time) : Date.parse(r.time), name: "work-pieces", value: String(r.value) }));
    const batches: DcmbBatch[] = [];
    for (let start = 0; start < readings.length; start += BATCH_SIZE) {
      const slice = readings.slice(start, start + BATCH_SIZE);
      const intervalStart = Math.floor(slice[0]!.time / 1000);
      batches.push(await buildBatch({ sender: SENDER, receiver: RECEIVER, batchId: batches.length + 1, intervalStart, intervalEnd: Math.max(intervalStart + 1, Math.ceil(slice.at(-1)!.time / 1000) + 1), readings: slice, params }));
    }
    const labels = [...new Set(readings.map((r) => ruleFor(VALIDATION_RULES, Number(r.value))?.label).filter((l): l is string => l !== undefined))];
    const conditionHashes = await Promise.all(labels.map((label) => conditionHash({ label, salt: CONDITION_SALT, params })));
    return { values: readings.map((r) => Number(r.value)), batches, conditionHashes };
  })();
  if (params === VALIDATION_ARGON2) cache.set(dataset, built);
  return built;
}

/** Where `value` shows in the calldata hex, byte aligned: as decimal text (UTF-8), as a 32-byte or a 4-byte big-endian word; undefined when nowhere. */
function findValue(calldata: string, value: number): string | undefined {
  const hex = calldata.toLowerCase().replace(/^0x/, "");
  const forms: [string, string][] = [
    ["decimal text", hexlify(new TextEncoder().encode(String(value))).slice(2)],
    ["32-byte word", BigInt(value).toString(16).padStart(64, "0")],
    ["4-byte word", BigInt(value).toString(16).padStart(8, "0")],
  ];
  for (const [form, needle] of forms) {
    for (let at = hex.indexOf(needle); at !== -1; at = hex.indexOf(needle, at + 1)) if (at % 2 === 0) return `${form} at byte ${at / 2}`;
  }
  return undefined;
}

/** Check (a): no reading value appears in the calldata of recordBatch, registerCondition and post (roots, batch metadata, condition hashes). */
export function confidentialityCheck({ encodeForChain = encodeDcmbCalldata }: { encodeForChain?: ChainCalldataProducer } = {}): ValidationCheckDefinition {
  return {
    name: "confidentiality: no reading value in anything destined for the chain",
    async run({ dataset }) {
      const { values, batches, conditionHashes } = await buildValidationBatches(dataset);
      const calldata = encodeForChain({ batches, conditionHashes, sender: SENDER, receiver: RECEIVER });
      const distinct = [...new Set(values)];
      for (const [i, data] of calldata.entries()) {
        for (const value of distinct) {
          const where = findValue(data, value);
          if (where !== undefined) return { passed: false, detail: `reading value ${value} appears in transaction ${i + 1} of ${calldata.length} (${data.slice(0, 10)}…) as ${where}` };
        }
      }
      return {
        passed: true,
        detail: `${distinct.length} distinct values of ${values.length} readings absent (as decimal text, 32-byte or 4-byte word) from the calldata of ${calldata.length} transaction(s): ${batches.length} recordBatch, ${conditionHashes.length} hashed label(s) registered and posted (${LIGHT})`,
      };
    },
  };
}

/** Check (b): every message of every batch verifies against its batch's root. */
export function messagesVerifyCheck(): ValidationCheckDefinition {
  return {
    name: "every message verifies against its root",
    async run({ dataset }) {
      const { batches } = await buildValidationBatches(dataset);
      let count = 0;
      for (const batch of batches) {
        for (const message of batch.messages) {
          const verdict = await verifyMessage({ message, root: batch.root, params: VALIDATION_ARGON2 });
          if (!verdict.ok) return { passed: false, detail: `batch ${batch.batchId} message ${message.index}: ${verdict.problem}` };
          count++;
        }
      }
      return { passed: true, detail: `${count} message(s) in ${batches.length} batch(es) verify (${LIGHT})` };
    },
  };
}

/** Check (c): a message with altered data, salt, index or proof does not verify. */
export function tamperedMessagesRejectedCheck(): ValidationCheckDefinition {
  return {
    name: "tampered messages are rejected",
    async run({ dataset }) {
      const { batches } = await buildValidationBatches(dataset);
      let count = 0;
      for (const batch of batches) {
        const message = batch.messages[0]!;
        const reading = JSON.parse(Buffer.from(message.data, "base64").toString("utf8")) as { time: number; name: string; value: string };
        const salt = getBytes(message.salt);
        salt[0] = salt[0]! ^ 0xff;
        const proof = [...message.proof];
        proof[0] = "0x" + (BigInt(proof[0] ?? "0x0") ^ 1n).toString(16).padStart(64, "0");
        const variants: [string, DcmbMessage][] = [
          ["data", { ...message, data: Buffer.from(JSON.stringify({ ...reading, value: String(Number(reading.value) + 1) })).toString("base64") }],
          ["salt", { ...message, salt: hexlify(salt) }],
          ["index", { ...message, index: 1, proof: batch.messages[1]?.proof ?? message.proof }],
          ["proof", { ...message, proof }],
        ];
        for (const [field, variant] of variants) {
          const verdict = await verifyMessage({ message: variant, root: batch.root, params: VALIDATION_ARGON2 });
          if (verdict.ok) return { passed: false, detail: `batch ${batch.batchId}: a message with altered ${field} verifies` };
          count++;
        }
      }
      return { passed: true, detail: `${count} tampered message(s) (data, salt, index, proof; ${batches.length} batch(es)) rejected (${LIGHT})` };
    },
  };
}

/** Check (d): every message's salt is fresh (unique) and at least 16 bytes. */
export function saltsUniqueCheck(): ValidationCheckDefinition {
  return {
    name: "salts are unique and at least 16 bytes",
    async run({ dataset }) {
      const { batches } = await buildValidationBatches(dataset);
      const seen = new Set<string>();
      for (const batch of batches) {
        for (const message of batch.messages) {
          const bytes = getBytes(message.salt).length;
          if (bytes < 16) return { passed: false, detail: `batch ${batch.batchId} message ${message.index}: salt of ${bytes} byte(s)` };
          if (seen.has(message.salt.toLowerCase())) return { passed: false, detail: `batch ${batch.batchId} message ${message.index}: salt ${message.salt} used twice` };
          seen.add(message.salt.toLowerCase());
        }
      }
      return { passed: true, detail: `${seen.size} salts, all distinct, all ≥ 16 bytes` };
    },
  };
}

export const DCMB_VALIDATION_CHECKS: ValidationCheckDefinition[] = [
  sourceHashesDeterministicallyCheck(),
  datasetParsesCheck(),
  confidentialityCheck(),
  messagesVerifyCheck(),
  tamperedMessagesRejectedCheck(),
  saltsUniqueCheck(),
];

/** The validation data set, relative to the project root. */
export const DCMB_VALIDATION_DATASET = "offchain/dcmb/certification/validation-dataset.csv";
