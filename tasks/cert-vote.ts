import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { connectCertification } from "./helpers/connect-certification.js";
import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openParticipantSession } from "./helpers/open-participant-session.js";
import { parseCidOption } from "./helpers/parse-cid-option.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/**
 * `cert:vote`: a VALIDATOR's vote (paper section 3.3) on a module version's certification, or
 * on the open revocation of a certified version, with its validation log's CID as the note;
 * executes the proposal once it succeeded. Voting FOR a certification is refused when this
 * checkout's artifact hash differs from the version's (the validator did not rebuild it).
 */
export default explainErrors(async function certVote(
  args: { participant: string | undefined; versionId: string | undefined; support: string | undefined; logCid: string | undefined; home: string | undefined },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const name = requireOption("participant", args.participant, "the validator who votes");
  const versionId = parseIntegerOption("versionId", args.versionId, { what: "the version id printed by cert:propose" });
  const supportText = requireOption("support", args.support, "true (certify / revoke) or false (reject)").toLowerCase();
  if (supportText !== "true" && supportText !== "false") throw new InvalidOptionError({ option: "support", expected: "true or false", got: args.support });
  const support = supportText === "true";
  const logCid = await parseCidOption("logCid", args.logCid, "the CID of your validation log (printed by cert:validate)");
  const session = await openParticipantSession({ hre, name, home: args.home });
  try {
    const cert = await import("../offchain/dcmb/certification/index.js");
    const certification = connectCertification({ deployment: session.deployment, runner: session.signer });
    const count = await certification.versionCount();
    if (versionId > count) throw new InvalidOptionError({ option: "versionId", expected: count === 0n ? "a proposed version (none yet)" : `an id from 1 to ${count}`, got: args.versionId });
    const version = await certification.moduleVersion(versionId);
    if (support && cert.versionStatusName(version.status) === "Proposed") {
      const local = await cert.hashModuleArtifact({ projectRoot: hre.config.paths.root });
      if (local.artifactHash !== version.artifactHash) {
        throw new cert.CertificationStateError({ what: `version ${versionId}'s artifact hash`, expected: `this checkout's ${local.artifactHash} (check out version ${version.version} and rerun cert:validate)`, got: version.artifactHash });
      }
    }
    const result = await cert.voteOnModuleVersion({ certification, ballot: session.ballot, voter: session.participant.wallet.address, versionId, support, logCid });
    console.log(
      result.voted
        ? `'${name}' voted ${support ? "FOR" : "AGAINST"} the ${result.kind} of version ${versionId} (${version.version}), note ${logCid}`
        : `'${name}' already voted on the ${result.kind} of version ${versionId}; nothing sent`,
    );
    console.log(`  vote (proposal #${result.proposalId}) is ${result.state}${result.executed ? `: executed, version ${versionId} is ${result.kind === "certification" ? "certified" : "revoked"}` : ""} (tx ${result.txHashes.join(", ") || "none"})`);
  } finally {
    await session.close();
  }
});
