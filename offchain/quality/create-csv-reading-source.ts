import { readFile } from "node:fs/promises";

import { QualityReadingError } from "./errors.js";
import type { QualityReading, QualityReadingSource } from "./quality-reading-source.js";

export type CreateCsvReadingSourceParameters = {
  /** The CSV file: one `label,value` line per reading, oldest first. */
  file: string;
  /** Values must be < 2^bitLength. */
  bitLength: number;
};

const MAX_LABEL_LENGTH = 256; // the bundle format's string limit (bundles/README)
const DECIMAL = /^[0-9]+$/;

/**
 * Reads B's quality data from a CSV file that grows by appended lines, e.g.
 * ```
 * label,value
 * week 46,41357
 * week 47,41502
 * ```
 * The label is everything before the LAST comma (trimmed), the value a non-negative decimal
 * integer < 2^bitLength. The first line is a header when its value field holds no digit.
 * Blank lines and lines starting with `#` are skipped. A last line without a newline is not
 * read yet (it may be half-written); writers append whole lines. Each call re-reads the file;
 * a malformed line or a repeated label is a QualityReadingError naming the line number.
 */
export function createCsvReadingSource({ file, bitLength }: CreateCsvReadingSourceParameters): QualityReadingSource {
  const limit = 1n << BigInt(bitLength);
  return {
    description: file,
    async read() {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        throw new QualityReadingError({ source: file, problem: `not readable (${(error as Error).message})` }, { cause: error });
      }
      const lines = text.split("\n");
      lines.pop(); // "" after a final newline, or an unterminated (possibly half-written) line
      const readings: QualityReading[] = [];
      const lineOfLabel = new Map<string, number>();
      lines.forEach((raw, index) => {
        const number = index + 1;
        const line = raw.replace(/\r$/, "").trim();
        if (line === "" || line.startsWith("#")) return;
        const comma = line.lastIndexOf(",");
        if (comma < 0) throw new QualityReadingError({ source: file, line: number, problem: `expected "label,value", got ${JSON.stringify(line)}` });
        const label = line.slice(0, comma).trim();
        const value = line.slice(comma + 1).trim();
        if (number === 1 && !/[0-9]/.test(value)) return; // header, e.g. "label,value"
        if (label === "" || label.length > MAX_LABEL_LENGTH) {
          throw new QualityReadingError({ source: file, line: number, problem: `expected a label of 1–${MAX_LABEL_LENGTH} characters, got ${JSON.stringify(label)}` });
        }
        if (!DECIMAL.test(value) || BigInt(value) >= limit) {
          throw new QualityReadingError({ source: file, line: number, problem: `expected a value that is an integer in [0, 2^${bitLength}), got ${JSON.stringify(value)}` });
        }
        const earlier = lineOfLabel.get(label);
        if (earlier !== undefined) {
          throw new QualityReadingError({ source: file, line: number, problem: `label ${JSON.stringify(label)} already used on line ${earlier}; labels must be unique` });
        }
        lineOfLabel.set(label, number);
        readings.push({ label, value: BigInt(value) });
      });
      return readings;
    },
  };
}
