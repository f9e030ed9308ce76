#!/usr/bin/env node
// The benchmark's C reference needs Debian's libgmp headers. Install them when missing and we
// may (root with apt-get, as on this project's machines); otherwise say how, and let the
// benchmark explain its --skip-gmp option.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const headers = ["/usr/include/gmp.h", "/usr/include/x86_64-linux-gnu/gmp.h", "/usr/include/aarch64-linux-gnu/gmp.h"];
if (!headers.some((file) => existsSync(file))) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    console.log("[setup] installing libgmp-dev for the benchmark's GMP reference (apt-get)…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgmp-dev", { stdio: "inherit" });
  } else {
    console.log("[setup] libgmp-dev is missing: `sudo apt-get install -y libgmp-dev`, or run the benchmark with --skip-gmp");
  }
}
