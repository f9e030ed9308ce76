import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ConsortiumModule from "./Consortium.js";

/**
 * Dispute ballot settings used when the `disputeSettings` parameter is absent: half of the
 * arbiters must vote "refund", voting lasts one day and a refund can be executed for one
 * more day. Suitable for demos and local devnets, not for production.
 */
export const DEFAULT_DISPUTE_SETTINGS = {
  quorumBps: 5_000,
  votingPeriod: 86_400,
  executionWindow: 86_400,
};

/**
 * Deploys the whole SealedChain system: the Consortium module (Ballot + ConsortiumRegistry)
 * and the FairExchangeEscrow on top of it.
 *
 * Parameters: those of module `Consortium` (see ./Consortium.ts), plus, under module id
 * `SealedChain`, `disputeSettings` (optional): `{ quorumBps, votingPeriod, executionWindow }`,
 * defaults to {@link DEFAULT_DISPUTE_SETTINGS}.
 */
export default buildModule("SealedChain", (m) => {
  const { ballot, registry } = m.useModule(ConsortiumModule);
  const escrow = m.contract("FairExchangeEscrow", [
    registry,
    ballot,
    m.getParameter("disputeSettings", DEFAULT_DISPUTE_SETTINGS),
  ]);
  return { ballot, registry, escrow };
});
