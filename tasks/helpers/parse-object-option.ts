import { InvalidOptionError } from "./errors.js";
import { requireOption } from "./require-option.js";

/** A traceability object identifier: a label of 1-31 UTF-8 bytes (e.g. LOT-2026-001) or a
 * 0x-prefixed 32-byte id, as objectIdOf takes it. */
export function parseObjectOption(option: string, value: string | undefined, objectIdOf: (label: string) => string): string {
  const text = requireOption(option, value, "an object identifier: a label of up to 31 bytes or a 0x 32-byte id");
  try {
    return objectIdOf(text);
  } catch (error) {
    throw new InvalidOptionError({ option, expected: "a label of 1-31 UTF-8 bytes or a 0x 32-byte id", got: text }, { cause: error });
  }
}

/** `--details` as a JSON object (default {}). */
export function parseDetailsOption(option: string, value: string | undefined): Record<string, unknown> {
  if (value === undefined || value.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new InvalidOptionError({ option, expected: "a JSON object, e.g. '{\"tonnes\":12}'", got: value }, { cause: error });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new InvalidOptionError({ option, expected: "a JSON object", got: value });
  return parsed as Record<string, unknown>;
}
