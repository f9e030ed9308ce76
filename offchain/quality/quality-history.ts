import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";

import { writeFileAtomic } from "../chain/index.js";
import { QualityHistoryFileError } from "./errors.js";

/** One comparison result as A learned it (Nasu et al. §4: the relation of X = quality at
 * label t and Y = quality at label t+1, and the highest differing bit when disclosed). */
export type QualityHistoryEntry = {
  /** ComparisonBoard request id (decimal); one entry per request. */
  requestId: string;
  lotId: string;
  pairId: string;
  /** Labels of the two measurements (X at labelT, Y at labelT1). */
  labelT: string;
  labelT1: string;
  /** "X<Y", "X>Y" or "X=Y". */
  relation: "X<Y" | "X>Y" | "X=Y";
  /** Highest bit where X and Y differ (LSB = 0), or null when equal or not disclosed. */
  highestDifferingBit: number | null;
  /** What the index tells: `|X−Y| < 2^(i+1)`, or null without an index. */
  bound: string | null;
  /** ISO time A verified the answer. */
  time: string;
};

/** Reads `<participant>/quality/history.json` (missing = empty). */
export async function readQualityHistory({ file }: { file: string }): Promise<QualityHistoryEntry[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new QualityHistoryFileError({ file, problem: "not valid JSON" }, { cause: error });
  }
  if (!Array.isArray(parsed)) throw new QualityHistoryFileError({ file, problem: `expected a JSON array, got ${typeof parsed}` });
  return parsed as QualityHistoryEntry[];
}

/** Appends `entry` unless an entry for the same request is already there (replays add
 * nothing). Returns true when it wrote. Atomic (tmp file + fsync + rename). */
export async function appendQualityHistory({ file, entry }: { file: string; entry: QualityHistoryEntry }): Promise<boolean> {
  const entries = await readQualityHistory({ file });
  if (entries.some((e) => e.requestId === entry.requestId)) return false;
  entries.push(entry);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic({ path: file, data: `${JSON.stringify(entries, null, 2)}\n` });
  return true;
}
