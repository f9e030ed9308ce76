import { open } from "node:fs/promises";

import { describeValue } from "../describe-value.js";
import { DcmbParameterError, DcmbReadingError } from "./errors.js";
import { parseReadingTime } from "./parse-reading-time.js";
import { type DcmbReading, MAX_NAME_LENGTH, MAX_VALUE_LENGTH } from "./reading-data.js";
import type { DcmbReadingSource } from "./reading-source.js";

export type CreateCsvTailSourceParameters = {
  /** The CSV file a machine appends to. */
  file: string;
  /** The reading name every line gets ("workpieces"). */
  name: string;
};

/**
 * Tails a CSV file that grows by appended lines, each `time,value` (time in unix ms or ISO
 * 8601; the value is everything after the first comma, trimmed) or just `value` (time = when it
 * was read). The first line is a header when it holds no digit ("time,value"). Blank lines and
 * lines starting with `#` are skipped. The source keeps its byte offset: each `next()` returns
 * only the whole lines appended since the last call; a last line without a newline is still
 * being written and waits for its newline. A missing file reads as empty; a file that shrank
 * or a malformed line is a DcmbReadingError naming the line (the offset stays before it).
 */
export function createCsvTailSource({ file, name }: CreateCsvTailSourceParameters): DcmbReadingSource {
  if (typeof file !== "string" || file === "") throw new DcmbParameterError({ name: "file", problem: `expected a path, got ${describeValue(file)}` });
  if (typeof name !== "string" || name === "" || name.length > MAX_NAME_LENGTH) throw new DcmbParameterError({ name: "name", problem: `expected 1–${MAX_NAME_LENGTH} characters, got ${describeValue(name)}` });
  let offset = 0;
  let linesRead = 0;
  let closed = false;

  async function readNew(): Promise<Buffer> {
    let handle;
    try {
      handle = await open(file, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return Buffer.alloc(0);
      throw new DcmbReadingError({ source: file, problem: `not readable (${(error as Error).message})` }, { cause: error });
    }
    try {
      const { size } = await handle.stat();
      if (size < offset) throw new DcmbReadingError({ source: file, problem: `shrank from ${offset} to ${size} bytes; a tailed file may only grow` });
      const buffer = Buffer.alloc(size - offset);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  }

  return {
    description: `${file} (CSV tail, ${name})`,
    position: () => JSON.stringify({ offset, linesRead }),
    seek(position) {
      const saved = JSON.parse(position) as { offset?: unknown; linesRead?: unknown };
      if (!Number.isSafeInteger(saved.offset) || !Number.isSafeInteger(saved.linesRead)) throw new DcmbParameterError({ name: "position", problem: `expected a position of this source, got ${describeValue(position)}` });
      offset = saved.offset as number;
      linesRead = saved.linesRead as number;
    },
    async next() {
      if (closed) throw new DcmbReadingError({ source: file, problem: "closed" });
      const chunk = await readNew();
      const end = chunk.lastIndexOf(0x0a);
      if (end < 0) return []; // nothing, or an unterminated line still being written
      const lines = chunk.subarray(0, end).toString("utf8").split("\n");
      const readings: DcmbReading[] = [];
      let number = linesRead;
      for (const raw of lines) {
        number += 1;
        const line = raw.replace(/\r$/, "").trim();
        if (line === "" || line.startsWith("#")) continue;
        if (number === 1 && !/[0-9]/.test(line)) continue; // header
        const comma = line.indexOf(",");
        let time: number | undefined = Date.now();
        let value = line;
        if (comma >= 0) {
          time = parseReadingTime(line.slice(0, comma).trim());
          value = line.slice(comma + 1).trim();
          if (time === undefined) throw new DcmbReadingError({ source: file, line: number, problem: `expected "time,value" with time in unix ms or ISO 8601, got ${JSON.stringify(line.slice(0, 80))}` });
        }
        if (value === "" || value.length > MAX_VALUE_LENGTH) throw new DcmbReadingError({ source: file, line: number, problem: `expected a value of 1–${MAX_VALUE_LENGTH} characters, got ${JSON.stringify(value.slice(0, 80))}` });
        readings.push({ time, name, value });
      }
      offset += end + 1;
      linesRead = number;
      return readings;
    },
    async close() {
      closed = true;
    },
  };
}
