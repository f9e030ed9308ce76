const UNIX_MS = /^[0-9]{1,16}$/;
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Unix milliseconds from "1700000000000" or an ISO 8601 date-time ("2025-11-14T08:30:00Z");
 * undefined for anything else. */
export function parseReadingTime(text: string): number | undefined {
  if (UNIX_MS.test(text)) {
    const ms = Number(text);
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  if (!ISO.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isSafeInteger(ms) && ms >= 0 ? ms : undefined;
}
