import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import SealedChainModule from "./SealedChain.js";

/**
 * Deploys the points part (Hu et al., section 2.3) on top of the SealedChain module: the
 * LoyaltyLedger (encrypted issuances, key holders' authorisations, MPC tiers and formula
 * results) on the shared ConsortiumRegistry.
 *
 * Parameters: those of modules `Consortium` and `SealedChain`; none of its own.
 */
export default buildModule("Points", (m) => {
  const { ballot, registry } = m.useModule(SealedChainModule);
  const loyaltyLedger = m.contract("LoyaltyLedger", [registry]);
  return { ballot, registry, loyaltyLedger };
});
