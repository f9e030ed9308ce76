/** A short description of an invalid parameter for error messages (type, or the value if public). */
export function describe(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  return `a ${typeof value}`;
}
