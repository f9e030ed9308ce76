import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openParticipantSession } from "./open-participant-session.js";
import { resolveParticipantHome } from "./resolve-participant-home.js";
import { startParticipantStore } from "./start-participant-store.js";

type StoreSession = Awaited<ReturnType<typeof openParticipantSession>> & { store: Awaited<ReturnType<typeof startParticipantStore>> };

/**
 * openParticipantSession plus the participant's storage node (same repository and identity as
 * its agent's), extended by `part` with what one part's steps take (contracts, party). `close()`
 * stops node and session; if the node or `part` fails, both are stopped before the error is
 * passed on, so a task never leaves a node running.
 */
export async function openStoreSession<Part extends object>({ hre, name, home }: { hre: HardhatRuntimeEnvironment; name: string; home: string | undefined }, part: (session: StoreSession) => Promise<Part> | Part) {
  const session = await openParticipantSession({ hre, name, home });
  const participantHome = resolveParticipantHome({ name, home, projectRoot: hre.config.paths.root });
  let store: StoreSession["store"] | undefined;
  const close = async () => {
    await store?.stop();
    await session.close();
  };
  try {
    store = await startParticipantStore({ chain: session.chain, participant: session.participant, name, participantHome });
    const withStore: StoreSession = { ...session, store };
    return { ...withStore, ...(await part(withStore)), close };
  } catch (error) {
    await close();
    throw error;
  }
}
