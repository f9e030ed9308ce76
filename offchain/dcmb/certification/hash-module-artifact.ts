import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import path from "node:path";

import { DCMB_MODULE } from "./dcmb-module.js";
import { ModuleLockfileError } from "./errors.js";
import { hashModuleSource, resolveModuleFolder } from "./hash-module-source.js";

export type HashModuleArtifactParameters = {
  projectRoot: string;
  /** The module's folder, relative to projectRoot. Default: offchain/dcmb. */
  folder?: string;
  /** The module's name recorded in the hashed JSON. Default: sealedchain.dcmb. */
  module?: string;
  /** The runtime line, `node-<major>`. Default: the running Node's major version. */
  runtime?: string;
};

export type HashModuleArtifactResult = {
  /** 0x + 64 hex digits: what `isCertified` is asked about. */
  artifactHash: string;
  sourceHash: string;
  /** Package name → `<version> <integrity>` from package-lock.json, sorted by name. */
  dependencies: Record<string, string>;
  runtime: string;
};

/** Source files whose imports are scanned. */
const CODE_FILE = /\.(?:[cm]?ts|[cm]?js)$/;

/**
 * The hash of what actually runs. SealedChain runs TypeScript through tsx, so there is no
 * compiled artifact to hash; the closest deterministic "artifact" is the source plus the
 * exact third-party code it loads and the runtime line:
 *
 *   artifactHash = sha256( canonical JSON { dependencies, module, runtime, sourceHash } )
 *
 * where dependencies are the packages the module's files import (bare specifiers found by a
 * simple scan of `from "x"`, `import("x")` and `import "x"`, type-only imports left out,
 * Node built-ins left out, scoped names kept, subpaths trimmed to the package) with their
 * resolved version and integrity from package-lock.json's "packages" entries, and runtime is
 * "node-<major>". Canonical JSON: keys sorted at every level, no whitespace.
 * Limits: relative imports that leave the module's folder are not followed, nor are the
 * dependencies' own dependencies (the lockfile pins them for an `npm ci` checkout).
 */
export async function hashModuleArtifact({
  projectRoot,
  folder = DCMB_MODULE.folder,
  module = DCMB_MODULE.name,
  runtime = `node-${process.versions.node.split(".")[0]}`,
}: HashModuleArtifactParameters): Promise<HashModuleArtifactResult> {
  const { sourceHash, files } = await hashModuleSource({ projectRoot, folder });
  const root = resolveModuleFolder({ projectRoot, folder });
  const packages = new Set<string>();
  for (const file of files) {
    if (!CODE_FILE.test(file.path)) continue;
    for (const name of scanImportedPackages(await readFile(path.join(root, ...file.path.split("/")), "utf8"))) packages.add(name);
  }

  const lockfile = path.join(path.resolve(projectRoot), "package-lock.json");
  const entries = await readLockfilePackages(lockfile);
  const dependencies: Record<string, string> = {};
  for (const name of [...packages].sort()) {
    const entry = entries[`node_modules/${name}`];
    if (entry === undefined || typeof entry.version !== "string") {
      throw new ModuleLockfileError({ lockfile, problem: `expected an entry "node_modules/${name}" with a version (the module imports "${name}"), found none` });
    }
    dependencies[name] = typeof entry.integrity === "string" ? `${entry.version} ${entry.integrity}` : entry.version;
  }
  const canonical = canonicalJson({ dependencies, module, runtime, sourceHash });
  const artifactHash = `0x${createHash("sha256").update(canonical, "utf8").digest("hex")}`;
  return { artifactHash, sourceHash, dependencies, runtime };
}

/** Package names of the bare, non-built-in specifiers a source file imports at run time. */
export function scanImportedPackages(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "")
    .replace(/\b(?:import|export)\s+type\b[^;]*?\bfrom\s*["'][^"']+["']/g, "");
  const names = new Set<string>();
  const patterns = [/\bfrom\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, /\bimport\s*["']([^"']+)["']/g];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      const name = packageOf(match[1]!);
      if (name !== undefined) names.add(name);
    }
  }
  return [...names].sort();
}

/** "ethers/lib" → "ethers", "@noble/hashes/sha2" → "@noble/hashes"; undefined for relative, absolute and built-in specifiers. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("#") || /^[a-z]+:/.test(specifier) || isBuiltin(specifier)) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

async function readLockfilePackages(lockfile: string): Promise<Record<string, { version?: unknown; integrity?: unknown }>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(lockfile, "utf8"));
  } catch (cause) {
    throw new ModuleLockfileError({ lockfile, problem: "expected a readable package-lock.json" }, { cause });
  }
  const packages = (parsed as { packages?: unknown }).packages;
  if (typeof packages !== "object" || packages === null) throw new ModuleLockfileError({ lockfile, problem: `expected a "packages" object (lockfileVersion ≥ 2), found none` });
  return packages as Record<string, { version?: unknown; integrity?: unknown }>;
}

/** JSON with keys sorted at every level and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
