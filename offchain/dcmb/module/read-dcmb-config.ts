import { readFile } from "node:fs/promises";
import path from "node:path";

import { getAddress, getBytes, isAddress, isHexString } from "ethers";

import { SealedChainError } from "../../errors.js";
import { OWASP_ARGON2ID, parseArgon2Params, parseIntervalRules, type Argon2Params, type IntervalRule } from "../index.js";
import type { ExpectedValue } from "./dcmb-receiver.js";

export type DcmbSourceConfig = { csv: string } | { http: { port: number } } | { simulated: { start: number; perTick: number; seed?: number } };

export type DcmbSenderConfig = {
  role: "sender";
  receiver: string;
  name: string;
  source: DcmbSourceConfig;
  intervalSeconds: number;
  rules: IntervalRule[];
  conditionSalt: Uint8Array;
  publicSalt: boolean;
  queue: { maxBytes: number; maxAgeSeconds: number };
  argon2: Argon2Params;
};

export type DcmbReceiverConfig = {
  role: "receiver";
  senders: string[];
  rules: IntervalRule[];
  conditionSalt: Uint8Array;
  expected: ExpectedValue[];
  argon2: Argon2Params;
};

export class DcmbConfigError extends SealedChainError {
  constructor(file: string, problem: string) {
    super("DCMB_CONFIG", `${file}: ${problem}`);
  }
}

/**
 * Reads `<participant>/dcmb.json` (or the file given): the module's configuration, one role
 * per file. The condition salt (0x + 16..64 bytes) is a secret shared by the two parties out
 * of band; it never goes on chain. Paths are relative to the file's folder.
 */
export async function readDcmbConfig(file: string): Promise<DcmbSenderConfig | DcmbReceiverConfig> {
  const text = await readFile(file, "utf8").catch(() => {
    throw new DcmbConfigError(file, "cannot be read (create it: see the README's DCMB section)");
  });
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new DcmbConfigError(file, "is not JSON");
  }
  const fail = (field: string, expected: string) => new DcmbConfigError(file, `${field}: expected ${expected}, got ${JSON.stringify(raw[field])}`);
  const address = (field: string, value: unknown) => {
    if (typeof value !== "string" || !isAddress(value)) throw fail(field, "a 0x address");
    return getAddress(value);
  };
  const salt = raw["conditionSalt"];
  if (typeof salt !== "string" || !isHexString(salt) || (salt.length - 2) / 2 < 16 || (salt.length - 2) / 2 > 64) throw fail("conditionSalt", "0x and 16..64 bytes of hex (a secret shared with the other party)");
  let rules: IntervalRule[];
  let argon2: Argon2Params;
  try {
    rules = parseIntervalRules(raw["rules"]);
    argon2 = raw["argon2"] === undefined ? OWASP_ARGON2ID : parseArgon2Params(raw["argon2"]);
  } catch (error) {
    throw new DcmbConfigError(file, error instanceof Error ? error.message : String(error));
  }
  const common = { rules, conditionSalt: getBytes(salt), argon2 };
  if (raw["role"] === "receiver") {
    if (!Array.isArray(raw["senders"]) || raw["senders"].length === 0) throw fail("senders", "a non-empty array of 0x addresses");
    const expected = raw["expected"] ?? [];
    if (!Array.isArray(expected) || !expected.every((e) => typeof e === "object" && e !== null && typeof (e as ExpectedValue).value === "string" && typeof (e as ExpectedValue).action === "string")) {
      throw fail("expected", 'an array of {"value": string, "action": string}');
    }
    return { role: "receiver", senders: raw["senders"].map((s, i) => address(`senders[${i}]`, s)), expected: expected as ExpectedValue[], ...common };
  }
  if (raw["role"] !== "sender") throw fail("role", '"sender" or "receiver"');
  const source = raw["source"] as Record<string, unknown> | undefined;
  let parsedSource: DcmbSourceConfig;
  if (typeof source?.["csv"] === "string") parsedSource = { csv: path.resolve(path.dirname(file), source["csv"]) };
  else if (typeof source?.["http"] === "object" && source["http"] !== null && Number.isInteger((source["http"] as { port: unknown }).port)) parsedSource = { http: { port: (source["http"] as { port: number }).port } };
  else if (typeof source?.["simulated"] === "object" && source["simulated"] !== null) {
    const sim = source["simulated"] as { start?: unknown; perTick?: unknown; seed?: unknown };
    if (typeof sim.start !== "number" || typeof sim.perTick !== "number") throw fail("source", '{"simulated": {"start": number, "perTick": number}}');
    parsedSource = { simulated: { start: sim.start, perTick: sim.perTick, ...(typeof sim.seed === "number" ? { seed: sim.seed } : {}) } };
  } else throw fail("source", '{"csv": "file"}, {"http": {"port": n}} or {"simulated": {"start": n, "perTick": n}}');
  const interval = raw["intervalSeconds"];
  if (typeof interval !== "number" || !Number.isInteger(interval) || interval < 1) throw fail("intervalSeconds", "a positive integer");
  const name = raw["name"];
  if (typeof name !== "string" || name === "") throw fail("name", "the reading's name, e.g. work-pieces");
  const queue = (raw["queue"] ?? {}) as { maxBytes?: unknown; maxAgeSeconds?: unknown };
  const maxBytes = queue.maxBytes ?? 50_000_000;
  const maxAgeSeconds = queue.maxAgeSeconds ?? 7 * 86_400;
  if (typeof maxBytes !== "number" || maxBytes < 1024 || typeof maxAgeSeconds !== "number" || maxAgeSeconds < 1) throw fail("queue", '{"maxBytes": ≥ 1024, "maxAgeSeconds": ≥ 1}');
  return {
    role: "sender",
    receiver: address("receiver", raw["receiver"]),
    name,
    source: parsedSource,
    intervalSeconds: interval,
    publicSalt: raw["publicSalt"] === true,
    queue: { maxBytes, maxAgeSeconds },
    ...common,
  };
}
