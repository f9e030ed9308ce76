import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";

export interface GmpBuildResult {
  binary: string;
  rebuilt: boolean;
  compiler: string;
}

/** Thrown when the GMP reference cannot be built; the message says how to fix it. */
export class GmpReferenceBuildError extends Error {
  override readonly name = "GmpReferenceBuildError";
}

const INSTALL_HINT =
  "The GMP reference needs Debian's libgmp headers: `sudo apt-get install -y libgmp-dev` " +
  "(after `sudo apt-get update`). Or run the benchmark with --skip-gmp to leave the C reference out.";

/**
 * Compiles bench/paillier/gmp-reference.c with `cc -O2 … -lgmp` into `buildDir` when the
 * binary is missing or older than the source.
 */
export function buildGmpReference({ source, buildDir }: { source: string; buildDir: string }): GmpBuildResult {
  const binary = path.join(buildDir, "gmp-reference");
  let compiler = "cc";
  try {
    compiler = execFileSync("cc", ["--version"], { encoding: "utf8" }).split("\n")[0] ?? "cc";
  } catch (cause) {
    throw new GmpReferenceBuildError(`No C compiler (\`cc\`) on PATH. Install gcc, or use --skip-gmp.`, { cause });
  }
  if (existsSync(binary) && statSync(binary).mtimeMs >= statSync(source).mtimeMs) {
    return { binary, rebuilt: false, compiler };
  }
  mkdirSync(buildDir, { recursive: true });
  try {
    execFileSync("cc", ["-O2", "-Wall", "-o", binary, source, "-lgmp"], { encoding: "utf8", stdio: "pipe" });
  } catch (cause) {
    const stderr = String((cause as { stderr?: unknown }).stderr ?? "");
    const missingHeader = /gmp\.h/.test(stderr) || /-lgmp/.test(stderr) || /cannot find -lgmp/.test(stderr);
    throw new GmpReferenceBuildError(
      missingHeader ? `${INSTALL_HINT}\n\ncc said:\n${stderr}` : `cc failed to build the GMP reference:\n${stderr}`,
      { cause },
    );
  }
  return { binary, rebuilt: true, compiler };
}
