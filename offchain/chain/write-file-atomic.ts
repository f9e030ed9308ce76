import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";

export type WriteFileAtomicParameters = {
  path: string;
  data: string | Uint8Array;
  /** File mode; 0o600 for anything holding a secret. */
  mode?: number;
};

/** Writes `data` to a temporary file next to `path`, fsyncs it and renames it over `path`,
 * so readers see either the old or the new content, never half of it. */
export async function writeFileAtomic({ path, data, mode = 0o644 }: WriteFileAtomicParameters): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temporary, "wx", mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}
