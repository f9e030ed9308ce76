import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import SealedChainModule from "./SealedChain.js";

/**
 * Certification settings used when the `certificationSettings` parameter is absent: half of
 * the VALIDATORs must approve a certification or a revocation, voting lasts one hour and a
 * success can be executed for one day. Suitable for demos and local devnets, not for
 * production. Each period must lie in 1 second .. 365 days (ModuleCertification's limits).
 */
export const DEFAULT_CERTIFICATION_SETTINGS = {
  quorumBps: 5_000,
  votingPeriod: 3_600,
  executionWindow: 86_400,
};

/**
 * Deploys the DCMB part (Stodt & Reich) on top of the SealedChain module: the DcmbAuditTrail
 * (batch roots, acknowledgements, failed deliveries), the HashedConditionNotifier and the
 * ModuleCertification (VALIDATOR votes on the shared Ballot), all on the ConsortiumRegistry.
 *
 * Parameters: those of modules `Consortium` and `SealedChain`, plus, under module id `Dcmb`,
 * `certificationSettings` (optional): `{ quorumBps, votingPeriod, executionWindow }`,
 * defaults to {@link DEFAULT_CERTIFICATION_SETTINGS}.
 */
export default buildModule("Dcmb", (m) => {
  const { ballot, registry } = m.useModule(SealedChainModule);
  const dcmbAuditTrail = m.contract("DcmbAuditTrail", [registry]);
  const conditionNotifier = m.contract("HashedConditionNotifier", [registry]);
  const moduleCertification = m.contract("ModuleCertification", [
    registry,
    ballot,
    m.getParameter("certificationSettings", DEFAULT_CERTIFICATION_SETTINGS),
  ]);
  return { ballot, registry, dcmbAuditTrail, conditionNotifier, moduleCertification };
});
