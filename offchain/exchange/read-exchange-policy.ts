import { readFile } from "node:fs/promises";

import { ExchangeFormatError } from "./errors.js";

/** The exchange fields of `<participant>/policy.json` (other fields belong to other handlers). */
export type ExchangePolicy = {
  /** Demander: buy the offer a SERVICER matched with one of its open requests; default false. */
  exchangeAutoBuy: boolean;
  /** Buyer: confirm a delivery that passed the fingerprint check (else only log); default true.
   * A delivery that fails the check is always disputed. */
  exchangeAutoConfirm: boolean;
};

const DEFAULTS: ExchangePolicy = { exchangeAutoBuy: false, exchangeAutoConfirm: true };

/** Reads the exchange fields; a missing file or field takes the default. */
export async function readExchangePolicy({ file }: { file: string }): Promise<ExchangePolicy> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ...DEFAULTS };
    throw new ExchangeFormatError({ document: file, problem: "not a readable JSON policy file" }, { cause: error });
  }
  const policy = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof ExchangePolicy)[]) {
    const value = json[key];
    if (value === undefined) continue;
    if (typeof value !== "boolean") throw new ExchangeFormatError({ document: file, problem: `${key}: expected true or false, got ${JSON.stringify(value)}` });
    policy[key] = value;
  }
  return policy;
}
