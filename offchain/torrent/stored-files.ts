import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";

import { writeFileAtomic } from "../chain/index.js";
import { decodeMasterTable, encodeMasterTable, type MasterTable } from "./documents.js";

/** `<participant>/torrent/files/`: the master tables of files this participant stored or retrieved (no keys). */
export function torrentFilesDirectory({ directory }: { directory: string }): string {
  return path.join(directory, "torrent", "files");
}

/** Keeps a plaintext copy of a master table next to the participant (for torrent:placement); it holds no key. */
export async function saveMasterTable({ directory, table }: { directory: string; table: MasterTable }): Promise<string> {
  const folder = torrentFilesDirectory({ directory });
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const file = path.join(folder, `${table.fileId}.json`);
  await writeFileAtomic({ path: file, data: encodeMasterTable(table), mode: 0o600 });
  return file;
}

/** The saved master table of `fileId`, or undefined when this participant has none. */
export async function readSavedMasterTable({ directory, fileId }: { directory: string; fileId: string }): Promise<MasterTable | undefined> {
  const file = path.join(torrentFilesDirectory({ directory }), `${fileId.toLowerCase()}.json`);
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  return bytes === undefined ? undefined : decodeMasterTable(bytes);
}
