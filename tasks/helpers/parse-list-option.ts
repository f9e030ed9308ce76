import { InvalidOptionError } from "./errors.js";
import { requireOption } from "./require-option.js";

/** A required comma-separated option (e.g. `--into LOT-1.a,LOT-1.b`): trimmed, non-empty,
 * distinct items, at least `min`. */
export function parseListOption(option: string, value: string | undefined, { what, min = 1 }: { what: string; min?: number }): string[] {
  const items = requireOption(option, value, what)
    .split(",")
    .map((item) => item.trim());
  if (items.some((item) => item === "")) throw new InvalidOptionError({ option, expected: `${what}: comma-separated, no empty items`, got: value });
  if (new Set(items).size !== items.length) throw new InvalidOptionError({ option, expected: `${what}: each item once`, got: value });
  if (items.length < min) throw new InvalidOptionError({ option, expected: `${what}: at least ${min} item(s)`, got: value });
  return items;
}
