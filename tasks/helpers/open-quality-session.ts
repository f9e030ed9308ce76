import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openParticipantSession } from "./open-participant-session.js";
import { resolveParticipantHome } from "./resolve-participant-home.js";
import { startParticipantStore } from "./start-participant-store.js";
import { participantPassword } from "./unlock-participant.js";

export type OpenQualitySessionParameters = {
  hre: HardhatRuntimeEnvironment;
  name: string;
  home: string | undefined;
  /** Start the participant's storage node (for steps that store or fetch content). */
  storage: boolean;
  /** TEST/DEMO ONLY: accept Paillier keys under 2048 bits in what is read. */
  allowInsecureKeySize?: boolean;
};

/**
 * openParticipantSession plus the quality part: its contracts (connected to the signer), the
 * participant's storage node (same repository and identity as its agent's), its sealed
 * pair-key vault and the QualityParty capability the protocol steps take. `close()` stops all.
 */
export async function openQualitySession({ hre, name, home, storage, allowInsecureKeySize = false }: OpenQualitySessionParameters) {
  const session = await openParticipantSession({ hre, name, home });
  const { chain, participant, signer, deployment, registry } = session;
  const quality = await import("../../offchain/quality/index.js");
  const contracts = chain.connectQuality({ deployment, runner: signer });
  const participantHome = resolveParticipantHome({ name, home, projectRoot: hre.config.paths.root });
  const store = storage ? await startParticipantStore({ chain, participant, name, participantHome }) : undefined;
  const paths = quality.qualityPaths({ directory: participant.directory });
  const vault = quality.createPairKeyVault({
    name,
    directory: paths.keys,
    password: await participantPassword({ chain, name, home: participantHome }),
    scrypt: participant.profile.insecureDemoKeys ? chain.DEMO_SCRYPT : chain.STANDARD_SCRYPT,
  });
  const party = (): import("../../offchain/quality/index.js").QualityParty => {
    if (store === undefined) throw new Error("openQualitySession: storage was not started");
    return { address: participant.wallet.address, encryptionPrivateKey: participant.encryptionKeyPair.privateKey, store, registry, allowInsecureKeySize };
  };
  return {
    ...session,
    quality,
    contracts,
    store,
    vault,
    paths,
    party,
    async close() {
      await store?.stop();
      await session.close();
    },
  };
}
