import { writeFile } from "node:fs/promises";
import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { MODULE_VERSION } from "./cert-propose.js";
import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { loadLibraries } from "./helpers/load-libraries.js";
import { requireOption } from "./helpers/require-option.js";
import { resolveParticipantHome } from "./helpers/resolve-participant-home.js";
import { startParticipantStore } from "./helpers/start-participant-store.js";
import { unlockParticipant } from "./helpers/unlock-participant.js";

/**
 * `cert:validate`: a validation entity (paper section 3.3) rebuilds the DCMB module's source
 * and artifact hashes from its own checkout, runs the validation suite on the validation data
 * set, stores the log on its IPFS node and prints the log's CID (the note of its cert:vote),
 * the hashes and pass/fail. Needs no chain.
 */
export default explainErrors(async function certValidate(
  args: { participant: string | undefined; moduleVersion: string | undefined; out: string | undefined; home: string | undefined },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const name = requireOption("participant", args.participant, "the validator");
  const moduleVersion = args.moduleVersion === undefined ? "unspecified" : requireOption("moduleVersion", args.moduleVersion, "the version validated, e.g. 1.0.0");
  if (!MODULE_VERSION.test(moduleVersion)) throw new InvalidOptionError({ option: "moduleVersion", expected: "1-64 characters of [0-9A-Za-z.+-], e.g. 1.0.0", got: moduleVersion });
  const out = args.out === undefined ? undefined : path.resolve(requireOption("out", args.out, "where to write the log JSON"));
  const projectRoot = hre.config.paths.root;
  const { chain } = await loadLibraries(hre);
  const participantHome = resolveParticipantHome({ name, home: args.home, projectRoot });
  const participant = await unlockParticipant({ chain, name, home: participantHome });
  const cert = await import("../offchain/dcmb/certification/index.js");
  const log = await cert.runValidationSuite({
    projectRoot,
    moduleVersion,
    validator: participant.wallet.address,
    checks: cert.DCMB_VALIDATION_CHECKS,
    dataset: cert.DCMB_VALIDATION_DATASET,
  });
  const bytes = new TextEncoder().encode(`${JSON.stringify(log, null, 2)}\n`);
  if (out !== undefined) await writeFile(out, bytes);
  const store = await startParticipantStore({ chain, participant, name, participantHome });
  let cid: string;
  try {
    cid = await store.put(bytes);
  } finally {
    await store.stop();
  }
  for (const check of log.checks) console.log(`  ${check.passed ? "pass" : "FAIL"} ${check.name}: ${check.detail}`);
  console.log(`validation ${log.passed ? "PASSED" : "FAILED"} for ${log.module} by '${name}' (${log.validator})`);
  console.log(`  source hash   ${log.sourceHash}`);
  console.log(`  artifact hash ${log.artifactHash}`);
  console.log(`  log CID       ${cid}${out === undefined ? "" : ` (also written to ${out})`}`);
  console.log(`  vote with: npx hardhat cert:vote --participant ${name} --version-id <id> --support ${log.passed} --log-cid ${cid}`);
});
