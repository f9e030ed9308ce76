import { compareEncrypted, type CompareEncryptedParameters } from "./secure-compare.js";
import { selectEncrypted } from "./select.js";

export type MaxMinEncryptedParameters = CompareEncryptedParameters;

/** Enc(max(x, y)): one secure comparison x ≥ y, then a re-randomised select (the paper's max_op). */
export async function maxEncrypted(parameters: MaxMinEncryptedParameters): Promise<bigint> {
  const { publicKey, a, b } = parameters;
  const aIsGreaterOrEqual = await compareEncrypted(parameters);
  return selectEncrypted({ publicKey, condition: aIsGreaterOrEqual, ifTrue: a, ifFalse: b });
}

/** Enc(min(x, y)): one secure comparison x ≥ y, then a re-randomised select (the paper's min_op). */
export async function minEncrypted(parameters: MaxMinEncryptedParameters): Promise<bigint> {
  const { publicKey, a, b } = parameters;
  const aIsGreaterOrEqual = await compareEncrypted(parameters);
  return selectEncrypted({ publicKey, condition: aIsGreaterOrEqual, ifTrue: b, ifFalse: a });
}
