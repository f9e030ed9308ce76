import { MissingOptionError } from "./errors.js";

/** Returns a non-empty option value or throws naming the option. */
export function requireOption(option: string, value: string | undefined, hint?: string): string {
  if (value === undefined || value.trim() === "") {
    throw new MissingOptionError(hint === undefined ? { option } : { option, hint });
  }
  return value.trim();
}
