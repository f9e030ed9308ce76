import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import SealedChainModule from "./SealedChain.js";

/**
 * Seconds a lot owner has to answer a comparison request when the `responsePeriod`
 * parameter is absent: one day. Suitable for demos and local devnets.
 */
export const DEFAULT_RESPONSE_PERIOD = 86_400;

/**
 * Deploys the quality part (Nasu et al.) on top of the SealedChain module: the
 * QualityChannel (lots, encrypted pairs, XOR posts), the XorMarket (servicers' offers paid
 * through the shared FairExchangeEscrow) and the ComparisonBoard (requests and answers).
 *
 * Parameters: those of modules `Consortium` and `SealedChain`, plus, under module id
 * `Quality`, `responsePeriod` (optional, seconds, 1..365 days), defaults to
 * {@link DEFAULT_RESPONSE_PERIOD}.
 */
export default buildModule("Quality", (m) => {
  const { ballot, registry, escrow } = m.useModule(SealedChainModule);
  const qualityChannel = m.contract("QualityChannel", [registry]);
  const xorMarket = m.contract("XorMarket", [qualityChannel, escrow]);
  const comparisonBoard = m.contract("ComparisonBoard", [
    qualityChannel,
    m.getParameter("responsePeriod", DEFAULT_RESPONSE_PERIOD),
  ]);
  return { ballot, registry, escrow, qualityChannel, xorMarket, comparisonBoard };
});
