import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openParticipantSession } from "./open-participant-session.js";
import { resolveParticipantHome } from "./resolve-participant-home.js";
import { startParticipantStore } from "./start-participant-store.js";

/**
 * openParticipantSession plus the torrent part: the TorrentLedger (connected to the signer),
 * the participant's storage node and the TorrentParty the protocol steps take. `close()` stops all.
 */
export async function openTorrentSession({ hre, name, home }: { hre: HardhatRuntimeEnvironment; name: string; home: string | undefined }) {
  const session = await openParticipantSession({ hre, name, home });
  const { chain, participant, signer, deployment, registry } = session;
  const torrent = await import("../../offchain/torrent/index.js");
  const { ledger } = chain.connectTorrent({ deployment, runner: signer });
  const participantHome = resolveParticipantHome({ name, home, projectRoot: hre.config.paths.root });
  const store = await startParticipantStore({ chain, participant, name, participantHome });
  const party: import("../../offchain/torrent/index.js").TorrentParty = {
    address: participant.wallet.address,
    signer,
    encryptionPrivateKey: participant.encryptionKeyPair.privateKey,
    store,
    registry,
    ledger,
  };
  return {
    ...session,
    torrent,
    ledger,
    store,
    party,
    async close() {
      await store.stop();
      await session.close();
    },
  };
}
