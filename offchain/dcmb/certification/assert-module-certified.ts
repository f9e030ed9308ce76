import type { IModuleCertification } from "../../../types/ethers-contracts/index.js";
import { DCMB_MODULE } from "./dcmb-module.js";
import { ModuleNotCertifiedError } from "./errors.js";
import { hashModuleArtifact } from "./hash-module-artifact.js";
import { versionStatusName } from "./version-status.js";

export type AssertModuleCertifiedParameters = {
  certification: Pick<IModuleCertification, "isCertified" | "versionOfArtifact" | "moduleVersion">;
  projectRoot: string;
  /** The module's folder. Default: offchain/dcmb. */
  folder?: string;
  /** The module's name. Default: sealedchain.dcmb. */
  module?: string;
  /** Runtime line for the artifact hash. Default: the running Node's major. */
  runtime?: string;
};

/**
 * What a module does at start (paper section 3.3: the certification status is queried at
 * deployment): computes this checkout's artifact hash and returns it with its version id
 * when the chain says it is certified; otherwise throws ModuleNotCertifiedError saying
 * whether the hash is unknown, only proposed (vote open) or revoked (when), and what to run.
 */
export async function assertModuleCertified({
  certification,
  projectRoot,
  folder = DCMB_MODULE.folder,
  module = DCMB_MODULE.name,
  runtime,
}: AssertModuleCertifiedParameters): Promise<{ artifactHash: string; versionId: bigint }> {
  const { artifactHash } = await hashModuleArtifact({ projectRoot, folder, module, ...(runtime === undefined ? {} : { runtime }) });
  const [certified, versionId] = await Promise.all([certification.isCertified(artifactHash), certification.versionOfArtifact(artifactHash)]);
  if (certified) return { artifactHash, versionId };
  const propose = `a member runs \`npx hardhat cert:propose --participant <member> --module-version <version>\`, then VALIDATORs run cert:validate and \`cert:vote --version-id <id> --support true --log-cid <their log CID>\``;
  if (versionId === 0n) {
    throw new ModuleNotCertifiedError({ module, artifactHash, reason: "unknown", versionId, detail: `is unknown: no version was proposed with it (${propose})` });
  }
  const version = await certification.moduleVersion(versionId);
  const status = versionStatusName(version.status);
  if (status === "Revoked") {
    const when = new Date(Number(version.revokedAt) * 1000).toISOString();
    throw new ModuleNotCertifiedError({
      module,
      artifactHash,
      reason: "revoked",
      versionId,
      detail: `was certified as version ${versionId} (${version.version}) but revoked at ${when}; propose a fixed version (${propose})`,
    });
  }
  throw new ModuleNotCertifiedError({
    module,
    artifactHash,
    reason: "proposed",
    versionId,
    detail: `is only proposed as version ${versionId} (${version.version}), status ${status}: its certification vote (proposal #${version.certificationProposalId}) has not been executed; VALIDATORs run cert:validate and \`npx hardhat cert:vote --participant <validator> --version-id ${versionId} --support true --log-cid <their log CID>\` (if the vote was defeated or expired, propose again with cert:propose)`,
  });
}
