import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import SealedChainModule from "./SealedChain.js";

/**
 * Regulator confirmations a traceability record or identifier mapping needs to be accepted
 * when the `requiredConfirmations` parameter is absent. The demo consortium has two
 * regulators (Regulator and Auditor), and both must verify each record.
 */
export const DEFAULT_REQUIRED_CONFIRMATIONS = 2;

/**
 * Deploys the exchange and trace part (ITU-T FG-DPM D3.6) on top of the SealedChain module:
 * the DataRegistry (device-signed submissions, regulator validation), the DataMarket (offers,
 * requests, matches and trades paid through the shared FairExchangeEscrow) and the
 * TraceLedger (traceability mapping records, identifier mappings, regulator confirmations).
 *
 * Parameters: those of modules `Consortium` and `SealedChain`, plus, under module id
 * `Exchange`, `requiredConfirmations` (optional, >= 1), defaults to
 * {@link DEFAULT_REQUIRED_CONFIRMATIONS}.
 */
export default buildModule("Exchange", (m) => {
  const { ballot, registry, escrow } = m.useModule(SealedChainModule);
  const dataRegistry = m.contract("DataRegistry", [registry]);
  const dataMarket = m.contract("DataMarket", [dataRegistry, escrow]);
  const traceLedger = m.contract("TraceLedger", [
    registry,
    m.getParameter("requiredConfirmations", DEFAULT_REQUIRED_CONFIRMATIONS),
  ]);
  return { ballot, registry, escrow, dataRegistry, dataMarket, traceLedger };
});
