import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Governance settings used when the `governance` parameter is absent: a simple majority
 * of the members, voting opens immediately and lasts one hour, and a success can be
 * executed for one day. Suitable for demos and local devnets, not for production.
 */
export const DEFAULT_GOVERNANCE = {
  quorumBps: 5_000,
  votingDelay: 0,
  votingPeriod: 3_600,
  executionWindow: 86_400,
};

/**
 * Deploys the shared Ballot and the ConsortiumRegistry.
 *
 * Parameters (module id `Consortium`):
 * - `founders` (required): array of `{ account, profile: { name, encryptionKey,
 *   peerId, multiaddrs, infoServerUrl }, roles }`, roles being bytes32 role ids
 *   (keccak256("REGULATOR") …) besides MEMBER.
 * - `governance` (optional): `{ quorumBps, votingDelay, votingPeriod, executionWindow }`,
 *   defaults to {@link DEFAULT_GOVERNANCE}.
 */
export default buildModule("Consortium", (m) => {
  const ballot = m.contract("Ballot");
  const registry = m.contract("ConsortiumRegistry", [
    ballot,
    m.getParameter("founders"),
    m.getParameter("governance", DEFAULT_GOVERNANCE),
  ]);
  return { ballot, registry };
});
