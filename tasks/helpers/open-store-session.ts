import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openParticipantSession } from "./open-participant-session.js";
import { resolveParticipantHome } from "./resolve-participant-home.js";
import { startParticipantStore } from "./start-participant-store.js";

type ParticipantSession = Awaited<ReturnType<typeof openParticipantSession>>;
type Store = Awaited<ReturnType<typeof startParticipantStore>>;
/** What every part's party takes from the member: who it is, its signer, envelope key, node, registry. */
type MemberParty = { address: string; signer: ParticipantSession["signer"]; encryptionPrivateKey: Uint8Array; store: Store; registry: ParticipantSession["registry"] };
type StoreSession = ParticipantSession & { store: Store; memberParty: MemberParty };

/**
 * openParticipantSession plus the participant's storage node (same repository and identity as
 * its agent's) and the member's side of every part's party, extended by `part` with what one part's steps take (contracts, party). `close()`
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
    const { participant, signer, registry } = session;
    const memberParty: MemberParty = { address: participant.wallet.address, signer, encryptionPrivateKey: participant.encryptionKeyPair.privateKey, store, registry };
    const withStore: StoreSession = { ...session, store, memberParty };
    return { ...withStore, ...(await part(withStore)), close };
  } catch (error) {
    await close();
    throw error;
  }
}
