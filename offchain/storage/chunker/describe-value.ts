/** A short description of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return value.length > 80 ? `a string of length ${value.length}` : JSON.stringify(value);
  if (typeof value === "number") return String(value);
  return typeof value;
}
