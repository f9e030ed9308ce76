import { keccak256 } from "ethers";

import { type DocumentReader, encodeDocument } from "../document-reader.js";
import { ExchangeFormatError } from "./errors.js";
import { LABEL, exchangeDocuments, readBoolean, readLabel, readText } from "./exchange-format.js";

/**
 * The two statements of the data market (D3.6 9.7, I.2). A supplier's usage terms say what a buyer
 * may do with the data (the permitted-usage statement; its hash is the offer's usageTermsHash and is
 * recorded with every sharing transaction). A demander's requirements say what data it wants and
 * why (its hash is the request's requirementsHash). The hashes are keccak256 of the bytes as stored
 * at the CID given on chain.
 */

export const USAGE_TERMS_FORMAT = "sealedchain.exchange.usage-terms";
export const REQUIREMENTS_FORMAT = "sealedchain.exchange.requirements";
export const MAX_PURPOSES = 32;

export type UsageTerms = {
  /** The purposes the data may be used for: 1..32 distinct labels, e.g. "route-optimisation". */
  purposes: string[];
  /** Whether the buyer may offer the entry on (must equal the offer's resaleAllowed). */
  resale: boolean;
  /** How long the buyer may keep the data: 1..3650 days. */
  retentionDays: number;
  /** How the source must be credited; at most 200 characters (may be empty). */
  attribution: string;
};

export type Requirements = {
  /** The category label of the request (the market category). */
  category: string;
  /** What the data will be used for: a label. */
  purpose: string;
  /** At most 500 characters (may be empty). */
  description: string;
};

const TERMS_KEYS = ["purposes", "resale", "retentionDays", "attribution"] as const;
const REQUIREMENTS_KEYS = ["category", "purpose", "description"] as const;

export function encodeUsageTerms(terms: UsageTerms): Uint8Array {
  const document = { format: USAGE_TERMS_FORMAT, version: 1, purposes: terms.purposes, resale: terms.resale, retentionDays: terms.retentionDays, attribution: terms.attribution };
  readUsageTerms(exchangeDocuments.object("usage terms", document, ["format", "version", ...TERMS_KEYS]));
  return encodeDocument(document);
}

/** Parses usage-terms bytes strictly (exactly the documented fields, each valid). */
export function parseUsageTerms(bytes: Uint8Array): UsageTerms {
  return readUsageTerms(exchangeDocuments.parse("usage terms", bytes, { format: USAGE_TERMS_FORMAT, version: 1, keys: TERMS_KEYS }));
}

/** keccak256 of the usage-terms bytes: the offer's usageTermsHash. */
export function usageTermsHashOf(bytes: Uint8Array): string {
  return keccak256(bytes);
}

export function encodeRequirements(requirements: Requirements): Uint8Array {
  const document = { format: REQUIREMENTS_FORMAT, version: 1, category: requirements.category, purpose: requirements.purpose, description: requirements.description };
  readRequirements(exchangeDocuments.object("requirements", document, ["format", "version", ...REQUIREMENTS_KEYS]));
  return encodeDocument(document);
}

/** Parses requirements bytes strictly (exactly the documented fields, each valid). */
export function parseRequirements(bytes: Uint8Array): Requirements {
  return readRequirements(exchangeDocuments.parse("requirements", bytes, { format: REQUIREMENTS_FORMAT, version: 1, keys: REQUIREMENTS_KEYS }));
}

/** keccak256 of the requirements bytes: the request's requirementsHash. */
export function requirementsHashOf(bytes: Uint8Array): string {
  return keccak256(bytes);
}

function readUsageTerms(reader: DocumentReader): UsageTerms {
  checkFormat(reader, USAGE_TERMS_FORMAT);
  const purposes = reader.array("purposes", MAX_PURPOSES, (value, path) => {
    if (typeof value !== "string" || !LABEL.test(value)) throw new ExchangeFormatError({ document: path, problem: `expected a label of 1..64 characters [a-z0-9.-], got ${JSON.stringify(value)}` });
    return value;
  });
  if (purposes.length === 0) throw reader.error("purposes", "at least one purpose");
  purposes.forEach((purpose, i) => {
    if (purposes.indexOf(purpose) !== i) throw new ExchangeFormatError({ document: `usage terms purposes[${i}]`, problem: `${JSON.stringify(purpose)} appears twice` });
  });
  return { purposes, resale: readBoolean(reader, "resale"), retentionDays: reader.integer("retentionDays", 1, 3650), attribution: readText(reader, "attribution", 200) };
}

function readRequirements(reader: DocumentReader): Requirements {
  checkFormat(reader, REQUIREMENTS_FORMAT);
  return { category: readLabel(reader, "category"), purpose: readLabel(reader, "purpose"), description: readText(reader, "description", 500) };
}

function checkFormat(reader: DocumentReader, format: string): void {
  if (reader.value("format") !== format) throw reader.error("format", JSON.stringify(format));
  if (reader.value("version") !== 1) throw reader.error("version", "1");
}
