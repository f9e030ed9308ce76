import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { connectCertification } from "./helpers/connect-certification.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openChainReader } from "./helpers/open-chain-reader.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";

/** `cert:status`: the DCMB module versions on chain (status, hashes, votes with their log
 * CIDs) and whether this checkout's artifact hash is certified. */
export default explainErrors(async function certStatus(args: { versionId: string | undefined; json: boolean }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const versionId = args.versionId === undefined ? undefined : parseIntegerOption("versionId", args.versionId, { what: "a version id" });
  const { chain, provider, deployment, close } = await openChainReader(hre);
  try {
    const cert = await import("../offchain/dcmb/certification/index.js");
    const certification = connectCertification({ deployment, runner: provider });
    const { ballot } = chain.connectConsortium({ deployment, runner: provider });
    const versions = await cert.readCertificationStatus({ certification, ballot, ...(versionId === undefined ? {} : { versionId }), fromBlock: deployment.startBlock });
    let local: { artifactHash: string; sourceHash: string; certified: boolean; versionId: bigint } | { error: string };
    try {
      const artifact = await cert.hashModuleArtifact({ projectRoot: hre.config.paths.root });
      const [certified, id] = await Promise.all([certification.isCertified(artifact.artifactHash), certification.versionOfArtifact(artifact.artifactHash)]);
      local = { artifactHash: artifact.artifactHash, sourceHash: artifact.sourceHash, certified, versionId: id };
    } catch (error) {
      local = { error: error instanceof Error ? error.message : String(error) };
    }
    if (args.json) {
      console.log(JSON.stringify({ module: cert.DCMB_MODULE, versions, checkout: local }, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2));
      return;
    }
    if (versions.length === 0) console.log(`no version of ${cert.DCMB_MODULE.name} proposed yet`);
    for (const v of versions) {
      const when = v.revokedAt ? ` (revoked ${v.revokedAt.toISOString()})` : v.certifiedAt ? ` (certified ${v.certifiedAt.toISOString()})` : "";
      console.log(`version ${v.versionId} ${v.version}: ${v.status}${when}, proposed by ${v.proposer}`);
      console.log(`  source hash ${v.sourceHash}`);
      console.log(`  artifact hash ${v.artifactHash}`);
      console.log(`  proposer's log ${v.validationLogCid}`);
      for (const [label, p] of [["certification", v.certification], ["revocation", v.revocation]] as const) {
        if (p === undefined) continue;
        console.log(`  ${label} vote #${p.proposalId}: ${p.state}, ${p.forVotes} for / ${p.againstVotes} against, quorum ${p.quorumVotes} of ${p.eligibleVoters}`);
        for (const vote of p.votes) console.log(`    ${vote.voter} ${vote.support ? "FOR" : "AGAINST"}, log ${vote.logCid}`);
      }
    }
    if ("error" in local) console.log(`this checkout: artifact hash unavailable (${local.error})`);
    else console.log(`this checkout: artifact ${local.artifactHash} is ${local.certified ? `CERTIFIED (version ${local.versionId})` : local.versionId === 0n ? "NOT certified (never proposed)" : `NOT certified (version ${local.versionId})`}`);
  } finally {
    await close();
  }
});
