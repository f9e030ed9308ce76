import { PaillierInsecureKeyError, PaillierParameterError } from "./errors.js";
import { PAILLIER_MAX_BITS, PAILLIER_MIN_INSECURE_BITS, PAILLIER_MIN_SECURE_BITS } from "./constants.js";
import { describeValue } from "./describe-value.js";

/** Checks a modulus size: ≥ 2048 bits, or ≥ 16 with allowInsecureKeySize; ≤ 16384. */
export function assertKeySize(bits: number, allowInsecureKeySize: unknown): void {
  if (typeof allowInsecureKeySize !== "boolean") {
    throw new PaillierParameterError({
      parameter: "allowInsecureKeySize",
      expected: "a boolean",
      actual: describeValue(allowInsecureKeySize),
    });
  }
  const minimum = allowInsecureKeySize ? PAILLIER_MIN_INSECURE_BITS : PAILLIER_MIN_SECURE_BITS;
  if (bits < minimum) {
    throw new PaillierInsecureKeyError({ bits, minimum, allowInsecureKeySize });
  }
  if (bits > PAILLIER_MAX_BITS) {
    throw new PaillierParameterError({
      parameter: "key size",
      expected: `at most ${PAILLIER_MAX_BITS} bits`,
      actual: `${bits} bits`,
    });
  }
}
