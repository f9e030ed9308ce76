import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { connectCertification } from "./helpers/connect-certification.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { InvalidOptionError } from "./helpers/errors.js";
import { openParticipantSession } from "./helpers/open-participant-session.js";
import { parseCidOption } from "./helpers/parse-cid-option.js";
import { requireOption } from "./helpers/require-option.js";
import { resolveParticipantHome } from "./helpers/resolve-participant-home.js";
import { startParticipantStore } from "./helpers/start-participant-store.js";

/** A module version: 1-64 characters of [0-9A-Za-z.+-], e.g. 1.0.0 or 1.1.0-rc.1. */
export const MODULE_VERSION = /^[0-9A-Za-z.+-]{1,64}$/;

/**
 * `cert:propose`: a MEMBER proposes a version of the DCMB module (paper section 3.3) with the
 * source and artifact hashes of this checkout and a validation log: its own (the suite is run
 * and the log stored on its IPFS node) unless --log-cid names one. Opens the VALIDATOR ballot.
 */
export default explainErrors(async function certPropose(
  args: { participant: string | undefined; moduleVersion: string | undefined; logCid: string | undefined; home: string | undefined },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const name = requireOption("participant", args.participant, "the member who proposes");
  const moduleVersion = requireOption("moduleVersion", args.moduleVersion, "the version to propose, e.g. 1.0.0");
  if (!MODULE_VERSION.test(moduleVersion)) throw new InvalidOptionError({ option: "moduleVersion", expected: "1-64 characters of [0-9A-Za-z.+-], e.g. 1.0.0", got: moduleVersion });
  const givenCid = args.logCid === undefined ? undefined : await parseCidOption("logCid", args.logCid, "the CID of a validation log");
  const projectRoot = hre.config.paths.root;
  const session = await openParticipantSession({ hre, name, home: args.home });
  try {
    const cert = await import("../offchain/dcmb/certification/index.js");
    const certification = connectCertification({ deployment: session.deployment, runner: session.signer });
    const artifact = await cert.hashModuleArtifact({ projectRoot });
    let logCid = givenCid;
    if (logCid === undefined) {
      const log = await cert.runValidationSuite({
        projectRoot,
        moduleVersion,
        validator: session.participant.wallet.address,
        checks: cert.DCMB_VALIDATION_CHECKS,
        dataset: cert.DCMB_VALIDATION_DATASET,
      });
      for (const check of log.checks) console.log(`  ${check.passed ? "pass" : "FAIL"} ${check.name}: ${check.detail}`);
      if (!log.passed) throw new cert.ValidationFailedError({ failed: log.checks.filter((c) => !c.passed) });
      const store = await startParticipantStore({ chain: session.chain, participant: session.participant, name, participantHome: resolveParticipantHome({ name, home: args.home, projectRoot }) });
      try {
        logCid = await store.put(new TextEncoder().encode(`${JSON.stringify(log, null, 2)}\n`));
      } finally {
        await store.stop();
      }
      console.log(`validation log stored on '${name}''s IPFS node: ${logCid}`);
    }
    const receipt = (await (await certification.proposeModule(cert.DCMB_MODULE.id, moduleVersion, artifact.sourceHash, artifact.artifactHash, logCid)).wait())!;
    const event = receipt.logs
      .map((log) => (log.address.toLowerCase() === certification.target.toString().toLowerCase() ? certification.interface.parseLog(log) : null))
      .find((parsed) => parsed?.name === "ModuleProposed");
    console.log(`'${name}' proposed ${cert.DCMB_MODULE.name} ${moduleVersion}${event ? ` as version ${event.args["versionId"]} (proposal #${event.args["proposalId"]})` : ""} (tx ${receipt.hash})`);
    console.log(`  source hash   ${artifact.sourceHash}`);
    console.log(`  artifact hash ${artifact.artifactHash} (${artifact.runtime}; ${Object.keys(artifact.dependencies).join(", ") || "no dependencies"})`);
    console.log(`  log CID       ${logCid}`);
    console.log(`  VALIDATORs now run cert:validate and cert:vote${event ? ` --version-id ${event.args["versionId"]}` : ""}`);
  } finally {
    await session.close();
  }
});
