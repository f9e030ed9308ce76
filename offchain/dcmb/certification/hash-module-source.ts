import { createHash } from "node:crypto";
import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { DCMB_MODULE } from "./dcmb-module.js";
import { ModuleSourceError } from "./errors.js";

export type HashModuleSourceParameters = {
  projectRoot: string;
  /** The module's folder, relative to projectRoot, POSIX separators. Default: offchain/dcmb. */
  folder?: string;
};

export type HashModuleSourceResult = {
  /** 0x + 64 hex digits. */
  sourceHash: string;
  /** Every file hashed, sorted by path (POSIX, relative to the folder); sha256 without 0x. */
  files: { path: string; sha256: string }[];
};

/**
 * The hash of a module's source that goes on chain (paper section 3.3: "source code and the
 * module are mapped to each other in a non-breakable fashion"). Every regular file under
 * `<projectRoot>/<folder>`, recursively, except dotfiles and dot-folders, sorted by the bytes
 * of its POSIX path relative to the folder;
 * sourceHash = sha256( for each file: utf8(path) ‖ 0x00 ‖ sha256(content) ‖ 0x0a ).
 * No mtimes, modes or absolute paths enter, so every checkout of the same files gives the
 * same hash. Symbolic links and special files are refused (their target could differ).
 */
export async function hashModuleSource({ projectRoot, folder = DCMB_MODULE.folder }: HashModuleSourceParameters): Promise<HashModuleSourceResult> {
  const root = resolveModuleFolder({ projectRoot, folder });
  let rootStat;
  try {
    rootStat = await lstat(root);
  } catch (cause) {
    throw new ModuleSourceError({ folder, problem: `expected a folder at ${root}, found none` }, { cause });
  }
  if (rootStat.isSymbolicLink()) throw new ModuleSourceError({ folder, problem: "expected a folder, got a symbolic link (refused)" });
  if (!rootStat.isDirectory()) throw new ModuleSourceError({ folder, problem: "expected a folder, got a file" });

  const relativePaths: string[] = [];
  await collect(root, "", relativePaths, folder);
  if (relativePaths.length === 0) throw new ModuleSourceError({ folder, problem: "expected at least one file, found none" });
  relativePaths.sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));

  const total = createHash("sha256");
  const files: { path: string; sha256: string }[] = [];
  for (const relative of relativePaths) {
    const digest = createHash("sha256").update(await readFile(path.join(root, ...relative.split("/")))).digest();
    total.update(Buffer.from(relative, "utf8")).update(Uint8Array.of(0x00)).update(digest).update(Uint8Array.of(0x0a));
    files.push({ path: relative, sha256: digest.toString("hex") });
  }
  return { sourceHash: `0x${total.digest("hex")}`, files };
}

/** `<projectRoot>/<folder>`, refusing absolute folders and folders that leave the project. */
export function resolveModuleFolder({ projectRoot, folder }: { projectRoot: string; folder: string }): string {
  if (folder === "" || path.isAbsolute(folder) || path.posix.isAbsolute(folder)) {
    throw new ModuleSourceError({ folder, problem: "expected a path relative to the project root" });
  }
  const root = path.resolve(projectRoot);
  const resolved = path.resolve(root, folder);
  if (resolved === root || !resolved.startsWith(root + path.sep)) {
    throw new ModuleSourceError({ folder, problem: "expected a folder inside the project root" });
  }
  return resolved;
}

async function collect(directory: string, prefix: string, out: string[], folder: string): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isSymbolicLink()) throw new ModuleSourceError({ folder, problem: `${relative} is a symbolic link (refused: its target is not part of the hash)` });
    if (entry.isDirectory()) await collect(path.join(directory, entry.name), relative, out, folder);
    else if (entry.isFile()) out.push(relative);
    else throw new ModuleSourceError({ folder, problem: `${relative} is not a regular file (refused)` });
  }
}
