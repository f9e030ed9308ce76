import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";

import { writeFileAtomic } from "../chain/index.js";
import type { AgentCursor } from "./agent-types.js";
import { CursorFileError } from "./errors.js";

/** Reads and atomically writes (tmp file + fsync + rename) an agent's cursor.json. */
export class EventCursorStore {
  readonly file: string;

  constructor({ file }: { file: string }) {
    if (typeof file !== "string" || file.length === 0) throw new TypeError("EventCursorStore: file is required");
    this.file = file;
  }

  /** The saved cursor, or undefined when the agent never ran. */
  async load(): Promise<AgentCursor | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let cursor: AgentCursor;
    try {
      cursor = JSON.parse(text) as AgentCursor;
    } catch (error) {
      throw new CursorFileError({ file: this.file, problem: "not valid JSON" }, { cause: error });
    }
    if (
      cursor.version !== 1 ||
      !Number.isSafeInteger(cursor.blockNumber) ||
      cursor.blockNumber < 0 ||
      !Number.isSafeInteger(cursor.logIndex) ||
      typeof cursor.blockComplete !== "boolean" ||
      typeof cursor.chainId !== "string"
    ) {
      throw new CursorFileError({ file: this.file, problem: "expected {version: 1, chainId, blockNumber, logIndex, blockComplete}" });
    }
    return cursor;
  }

  async save(cursor: AgentCursor): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic({ path: this.file, data: JSON.stringify(cursor, null, 2) + "\n" });
  }
}
