import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import SealedChainModule from "./SealedChain.js";

/**
 * Torrent settings used when the `settings` parameter is absent: half of the members must
 * approve an audit or a penalty, voting lasts one hour and a success can be executed for
 * one day, holders have one hour to release their shares, and a deposit can be withdrawn
 * a week after asking. Suitable for demos and local devnets, not for production.
 * Each period must lie in 1 second .. 365 days (TorrentLedger's and the Ballot's limits).
 */
export const DEFAULT_TORRENT_SETTINGS = {
  quorumBps: 5_000,
  votingPeriod: 3_600,
  executionWindow: 86_400,
  releasePeriod: 3_600,
  unstakeDelay: 7 * 86_400,
};

/**
 * Deploys the torrent part (BlockTorrent, Hill et al.) on top of the SealedChain module:
 * the TorrentLedger (files, chunk acknowledgements, key-share roots, audits and deposits),
 * voting on the shared Ballot with the members of the ConsortiumRegistry.
 *
 * Parameters: those of modules `Consortium` and `SealedChain`, plus, under module id
 * `Torrent`, `settings` (optional): `{ quorumBps, votingPeriod, executionWindow,
 * releasePeriod, unstakeDelay }`, defaults to {@link DEFAULT_TORRENT_SETTINGS}.
 */
export default buildModule("Torrent", (m) => {
  const { ballot, registry } = m.useModule(SealedChainModule);
  const torrentLedger = m.contract("TorrentLedger", [registry, ballot, m.getParameter("settings", DEFAULT_TORRENT_SETTINGS)]);
  return { ballot, registry, torrentLedger };
});
