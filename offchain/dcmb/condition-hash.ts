import { describeValue } from "../describe-value.js";
import type { Argon2Params } from "./argon2-params.js";
import { argon2Hash } from "./argon2-hash.js";
import { DcmbParameterError } from "./errors.js";

export type ConditionHashParameters = { label: string; salt: Uint8Array; params?: Argon2Params };

/**
 * hash(label + salt) of Algorithms 4/5 ("res = hash('Maintenance imminent' + 'fjpd7')"):
 * Argon2id of the label's UTF-8 bytes, as the paper hashes labels with Argon2 too. The
 * receiver registers it as a condition (IHashedConditionNotifier.registerCondition) and the
 * sender posts it when a reading falls in the label's interval. The label is used as given
 * (case and spaces count).
 */
export async function conditionHash({ label, salt, params }: ConditionHashParameters): Promise<string> {
  if (typeof label !== "string" || label.length === 0) throw new DcmbParameterError({ name: "label", problem: `expected a non-empty string, got ${describeValue(label)}` });
  return argon2Hash({ data: new TextEncoder().encode(label), salt, ...(params === undefined ? {} : { params }) });
}
