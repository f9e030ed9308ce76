import { keccak256 } from "ethers";

import { encodeDocument, documentFormat } from "../document-reader.js";
import { PointsFormatError } from "./errors.js";

const format = documentFormat((what, problem, options) => new PointsFormatError({ what, problem }, options));
const hex = (value: bigint) => `0x${value.toString(16)}`;
/** keccak256 of a document's exact bytes (what the ledger records next to its CID). */
export const documentHashOf = (bytes: Uint8Array): string => keccak256(bytes);

/** An issuer's encrypted points amount: Enc_key(points) for one consumer. */
export type IssuanceDocument = { keyId: bigint; consumerId: string; ciphertext: bigint };

export function encodeIssuance(d: IssuanceDocument): Uint8Array {
  return encodeDocument({ format: "sealedchain.points.issuance", version: 1, keyId: d.keyId.toString(), consumerId: d.consumerId, ciphertext: hex(d.ciphertext) });
}

export function parseIssuance(bytes: Uint8Array): IssuanceDocument {
  const r = format.parse("issuance document", bytes, { format: "sealedchain.points.issuance", version: 1, keys: ["keyId", "consumerId", "ciphertext"] });
  return { keyId: BigInt(r.decimalId("keyId")), consumerId: r.hash("consumerId"), ciphertext: r.hexInteger("ciphertext") };
}

/** The MPC platform's evidence for a posted tier: what it compared, in ciphertexts only. */
export type TierEvidence = { authorizationId: bigint; issuanceIds: bigint[]; encryptedTotal: bigint; comparisons: number; thresholds: bigint[] };

export function encodeTierEvidence(e: TierEvidence): Uint8Array {
  return encodeDocument({
    format: "sealedchain.points.tier-evidence",
    version: 1,
    authorizationId: e.authorizationId.toString(),
    issuanceIds: e.issuanceIds.map(String),
    encryptedTotal: hex(e.encryptedTotal),
    comparisons: e.comparisons,
    thresholds: e.thresholds.map(String),
  });
}

/** The oracle request the MPC sends the key holder: one blinded ciphertext, or the masked
 * formula result to re-seal to the requester. */
export type OracleRequest = { authorizationId: bigint; kind: "compare" | "reveal"; ciphertext: bigint };

export function encodeOracleRequest(q: OracleRequest): Uint8Array {
  return encodeDocument({ format: "sealedchain.points.oracle-request", version: 1, authorizationId: q.authorizationId.toString(), kind: q.kind, ciphertext: hex(q.ciphertext) });
}

export function parseOracleRequest(bytes: Uint8Array): OracleRequest {
  const r = format.parse("oracle request", bytes, { format: "sealedchain.points.oracle-request", version: 1, keys: ["authorizationId", "kind", "ciphertext"] });
  const kind = r.value("kind");
  if (kind !== "compare" && kind !== "reveal") throw r.error("kind", '"compare" or "reveal"');
  return { authorizationId: BigInt(r.decimalId("authorizationId")), kind, ciphertext: r.hexInteger("ciphertext") };
}

/** The formula's result for the requester: the key holder's envelope of F + m and the MPC's
 * envelope of m, both sealed to the requester (neither party alone knows F). */
export type FormulaResultDocument = { authorizationId: bigint; maskedValue: string; mask: string };

export function encodeFormulaResult(d: FormulaResultDocument): Uint8Array {
  return encodeDocument({ format: "sealedchain.points.formula-result", version: 1, authorizationId: d.authorizationId.toString(), maskedValue: d.maskedValue, mask: d.mask });
}

export function parseFormulaResult(bytes: Uint8Array): FormulaResultDocument {
  const r = format.parse("formula result", bytes, { format: "sealedchain.points.formula-result", version: 1, keys: ["authorizationId", "maskedValue", "mask"] });
  const envelope = (field: string) => {
    const v = r.value(field);
    if (typeof v !== "string" || !/^[A-Za-z0-9+/]+=*$/.test(v)) throw r.error(field, "a base64 envelope");
    return v;
  };
  return { authorizationId: BigInt(r.decimalId("authorizationId")), maskedValue: envelope("maskedValue"), mask: envelope("mask") };
}
