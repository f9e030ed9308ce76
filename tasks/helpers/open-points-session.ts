import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { PointsParty } from "../../offchain/points/index.js";
import { openStoreSession } from "./open-store-session.js";

/** openStoreSession plus the points part: the LoyaltyLedger connected to the signer and the
 * participant's PointsParty. */
export function openPointsSession({ hre, name, home }: { hre: HardhatRuntimeEnvironment; name: string; home: string | undefined }) {
  return openStoreSession({ hre, name, home }, async ({ chain, participant, signer, deployment, memberParty }) => {
    const points = await import("../../offchain/points/index.js");
    const { ledger } = chain.connectPoints({ deployment, runner: signer });
    const party: PointsParty = { ...memberParty, ledger, directory: path.join(participant.directory, "points") };
    return { points, ledger, party };
  });
}
