import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { loadLibraries } from "./load-libraries.js";
import { resolveParticipantHome } from "./resolve-participant-home.js";
import { unlockParticipant } from "./unlock-participant.js";

export type OpenParticipantSessionParameters = {
  hre: HardhatRuntimeEnvironment;
  /** The participant who signs. */
  name: string;
  /** `--home` as given (undefined: the usual lookup). */
  home: string | undefined;
};

/**
 * What every signing task needs: the participant unlocked from its keyfile, a connection to
 * the task's network, its wallet as signer, and the consortium contracts of the deployment
 * on that chain. Call `close()` when done.
 */
export async function openParticipantSession({ hre, name, home }: OpenParticipantSessionParameters) {
  const { chain } = await loadLibraries(hre);
  const participantHome = resolveParticipantHome({ name, home, projectRoot: hre.config.paths.root });
  const participant = await unlockParticipant({ chain, name, home: participantHome });
  const connection = await hre.network.create();
  const signer = participant.wallet.connect(connection.ethers.provider);
  const chainId = (await connection.ethers.provider.getNetwork()).chainId;
  const deployment = await chain.loadDeployment({ chainId, projectRoot: hre.config.paths.root });
  const { ballot, registry } = chain.connectConsortium({ deployment, runner: signer });
  return { chain, participant, connection, signer, deployment, ballot, registry, close: () => connection.close() };
}
