import { InvalidOptionError } from "./errors.js";
import { requireOption } from "./require-option.js";

/** A required option holding a non-negative decimal integer (ids, wei, seconds), as bigint.
 * `min` defaults to 1 (ids start at 1). */
export function parseIntegerOption(option: string, value: string | undefined, { what, min = 1n }: { what: string; min?: bigint }): bigint {
  const text = requireOption(option, value, what);
  if (!/^[0-9]+$/.test(text) || BigInt(text) < min) throw new InvalidOptionError({ option, expected: `${what}: an integer ≥ ${min}`, got: text });
  return BigInt(text);
}
