import { rerandomize } from "../paillier/index.js";
import type { PaillierPublicKey } from "../paillier/index.js";
import { assertCiphertext } from "../paillier/assert-ciphertext.js";
import { describe } from "./describe.js";
import { SecureComputeParameterError } from "./errors.js";

export interface SelectEncryptedParameters {
  publicKey: PaillierPublicKey;
  /** Known to the evaluator (the outcome of its comparison): the paper's max_op picks on it. */
  condition: boolean;
  ifTrue: bigint;
  ifFalse: bigint;
}

/**
 * A re-randomised copy of ifTrue or ifFalse: whoever later sees the result cannot tell which
 * input it came from. Both ciphertexts are validated whatever the condition.
 */
export function selectEncrypted({ publicKey, condition, ifTrue, ifFalse }: SelectEncryptedParameters): bigint {
  if (typeof condition !== "boolean") {
    throw new SecureComputeParameterError({ parameter: "condition", expected: "a boolean", actual: describe(condition) });
  }
  assertCiphertext(publicKey, ifTrue, "ifTrue");
  assertCiphertext(publicKey, ifFalse, "ifFalse");
  return rerandomize({ publicKey, c: condition ? ifTrue : ifFalse });
}
