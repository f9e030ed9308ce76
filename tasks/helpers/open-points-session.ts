import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { PointsParty } from "../../offchain/points/index.js";
import { openParticipantSession } from "./open-participant-session.js";
import { resolveParticipantHome } from "./resolve-participant-home.js";
import { startParticipantStore } from "./start-participant-store.js";

/** openParticipantSession plus the points part: the LoyaltyLedger connected to the signer, the
 * participant's storage node (same repository and identity as its agent's) and its PointsParty. */
export async function openPointsSession({ hre, name, home }: { hre: HardhatRuntimeEnvironment; name: string; home: string | undefined }) {
  const session = await openParticipantSession({ hre, name, home });
  const { chain, participant, signer, deployment, registry } = session;
  const points = await import("../../offchain/points/index.js");
  const { ledger } = chain.connectPoints({ deployment, runner: signer });
  const participantHome = resolveParticipantHome({ name, home, projectRoot: hre.config.paths.root });
  const store = await startParticipantStore({ chain, participant, name, participantHome });
  const party: PointsParty = {
    address: participant.wallet.address,
    signer,
    encryptionPrivateKey: participant.encryptionKeyPair.privateKey,
    store,
    registry,
    ledger,
    directory: path.join(participant.directory, "points"),
  };
  return {
    ...session,
    points,
    ledger,
    party,
    async close() {
      await store.stop();
      await session.close();
    },
  };
}
