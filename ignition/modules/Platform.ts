import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import DcmbModule from "./Dcmb.js";
import ExchangeModule from "./Exchange.js";
import PointsModule from "./Points.js";
import QualityModule from "./Quality.js";
import TorrentModule from "./Torrent.js";

/**
 * Deploys every part of SealedChain: the Quality, Torrent, Dcmb, Exchange and Points modules, all on the
 * one SealedChain module (Ballot, ConsortiumRegistry, FairExchangeEscrow), which
 * Ignition deploys once.
 *
 * Parameters: those of modules `Consortium`, `SealedChain`, `Quality`, `Torrent`, `Dcmb`, `Exchange` and `Points`
 * (see the files next to this one); only `Consortium.founders` is required.
 */
export default buildModule("Platform", (m) => {
  const { ballot, registry, escrow, qualityChannel, xorMarket, comparisonBoard } = m.useModule(QualityModule);
  const { torrentLedger } = m.useModule(TorrentModule);
  const { dcmbAuditTrail, conditionNotifier, moduleCertification } = m.useModule(DcmbModule);
  const { dataRegistry, dataMarket, traceLedger } = m.useModule(ExchangeModule);
  const { loyaltyLedger } = m.useModule(PointsModule);
  return {
    ballot,
    registry,
    escrow,
    qualityChannel,
    xorMarket,
    comparisonBoard,
    torrentLedger,
    dcmbAuditTrail,
    conditionNotifier,
    moduleCertification,
    dataRegistry,
    dataMarket,
    traceLedger,
    loyaltyLedger,
  };
});
