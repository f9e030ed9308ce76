/** A short, non-secret description of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string") return value.length > 80 ? `a string of length ${value.length}` : JSON.stringify(value);
  if (typeof value === "number") return String(value);
  return typeof value;
}
