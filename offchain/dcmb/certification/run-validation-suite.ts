import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { DCMB_MODULE } from "./dcmb-module.js";
import { CertificationError, ValidationDatasetError } from "./errors.js";
import { hashModuleArtifact } from "./hash-module-artifact.js";
import type { ValidationCheck, ValidationCheckDefinition, ValidationLog } from "./validation-types.js";

export type RunValidationSuiteParameters = {
  projectRoot: string;
  moduleVersion: string;
  /** The validator's 0x address, recorded in the log. */
  validator: string;
  checks: readonly ValidationCheckDefinition[];
  /** Path of the validation data set (relative to projectRoot, or absolute). */
  dataset: string;
  /** The module's folder. Default: offchain/dcmb. */
  folder?: string;
  /** The module's name. Default: sealedchain.dcmb. */
  module?: string;
  /** Runtime line for the artifact hash. Default: the running Node's major. */
  runtime?: string;
};

/**
 * One validation entity's run (paper section 3.3: each entity builds the module and
 * validates it against the confidentiality requirements and a validation data set): hashes
 * the checkout's source and artifact, runs every check in order on the data set, and returns
 * the log it publishes. A check that throws is recorded as failed with the error's message;
 * the log passes only when there is at least one check and all of them passed.
 */
export async function runValidationSuite({
  projectRoot,
  moduleVersion,
  validator,
  checks,
  dataset,
  folder = DCMB_MODULE.folder,
  module = DCMB_MODULE.name,
  runtime,
}: RunValidationSuiteParameters): Promise<ValidationLog> {
  if (moduleVersion.trim() === "") throw new CertificationError("CERT_PARAMETER", "moduleVersion: expected a non-empty version, got \"\"");
  if (!/^0x[0-9a-fA-F]{40}$/.test(validator)) throw new CertificationError("CERT_PARAMETER", `validator: expected a 0x address, got ${JSON.stringify(validator)}`);
  const startedAt = new Date().toISOString();
  const artifact = await hashModuleArtifact({ projectRoot, folder, module, ...(runtime === undefined ? {} : { runtime }) });
  const datasetFile = path.resolve(projectRoot, dataset);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(datasetFile));
  } catch (cause) {
    throw new ValidationDatasetError({ dataset, problem: `expected a readable file at ${datasetFile}` }, { cause });
  }
  const relative = path.relative(path.resolve(projectRoot), datasetFile);
  const datasetPath = relative.startsWith("..") || path.isAbsolute(relative) ? datasetFile : relative.split(path.sep).join("/");

  const results: ValidationCheck[] = [];
  for (const check of checks) {
    try {
      const { passed, detail } = await check.run({ dataset: bytes, projectRoot });
      results.push({ name: check.name, passed, detail });
    } catch (error) {
      results.push({ name: check.name, passed: false, detail: `threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` });
    }
  }
  return {
    format: "sealedchain/dcmb-validation-log",
    version: 1,
    module,
    moduleVersion,
    sourceHash: artifact.sourceHash,
    artifactHash: artifact.artifactHash,
    validator,
    dataset: { path: datasetPath, sha256: createHash("sha256").update(bytes).digest("hex") },
    startedAt,
    finishedAt: new Date().toISOString(),
    checks: results,
    passed: results.length > 0 && results.every((r) => r.passed),
  };
}
