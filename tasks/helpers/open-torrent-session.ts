import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { TorrentParty } from "../../offchain/torrent/index.js";
import { openStoreSession } from "./open-store-session.js";

/**
 * openStoreSession plus the torrent part: the TorrentLedger (connected to the signer) and the
 * TorrentParty the protocol steps take. `close()` stops all.
 */
export function openTorrentSession({ hre, name, home }: { hre: HardhatRuntimeEnvironment; name: string; home: string | undefined }) {
  return openStoreSession({ hre, name, home }, async ({ chain, signer, deployment, memberParty }) => {
    const torrent = await import("../../offchain/torrent/index.js");
    const { ledger } = chain.connectTorrent({ deployment, runner: signer });
    const party: TorrentParty = { ...memberParty, ledger };
    return { torrent, ledger, party };
  });
}
