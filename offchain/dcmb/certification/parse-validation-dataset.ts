import { ValidationDatasetError } from "./errors.js";

/** One reading of the validation data set. */
export type ValidationReading = { time: string; value: number };

/**
 * The validation data set: UTF-8 CSV, one `time,value` reading per line (an optional
 * `time,value` header, blank lines ignored); time an ISO 8601 date-time or a number,
 * value a decimal number.
 */
export function parseValidationDataset({ bytes, name = "dataset" }: { bytes: Uint8Array; name?: string }): ValidationReading[] {
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  const readings: ValidationReading[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "" || (index === 0 && line.toLowerCase() === "time,value")) continue;
    const fields = line.split(",");
    const where = `line ${index + 1}`;
    if (fields.length !== 2) throw new ValidationDatasetError({ dataset: name, problem: `${where}: expected "time,value", got ${JSON.stringify(line)}` });
    const [time, value] = [fields[0]!.trim(), fields[1]!.trim()];
    if (!/^-?[0-9]+(?:\.[0-9]+)?$/.test(value)) throw new ValidationDatasetError({ dataset: name, problem: `${where}: expected a numeric value, got ${JSON.stringify(value)}` });
    if (time === "" || (!/^-?[0-9]+(?:\.[0-9]+)?$/.test(time) && Number.isNaN(Date.parse(time)))) {
      throw new ValidationDatasetError({ dataset: name, problem: `${where}: expected an ISO 8601 time or a number, got ${JSON.stringify(time)}` });
    }
    readings.push({ time, value: Number(value) });
  }
  if (readings.length === 0) throw new ValidationDatasetError({ dataset: name, problem: "expected at least one reading, found none" });
  return readings;
}
