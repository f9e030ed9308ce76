import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { ExchangeParty } from "../../offchain/exchange/index.js";
import type { TraceParty } from "../../offchain/trace/index.js";
import { openParticipantSession } from "./open-participant-session.js";
import { resolveParticipantHome } from "./resolve-participant-home.js";
import { startParticipantStore } from "./start-participant-store.js";

export type OpenExchangeSessionParameters = {
  hre: HardhatRuntimeEnvironment;
  name: string;
  home: string | undefined;
  /** Start the participant's storage node (for steps that store or fetch content). */
  storage: boolean;
  /** Reach the participant's information server (for steps that post traceability data):
   * its agent's when that one is running, else one started for this task on the same port
   * and folder. */
  informationServer?: boolean;
};

/**
 * openParticipantSession plus the exchange and trace part: its contracts (connected to the
 * signer), the participant's storage node (same repository and identity as its agent's), its
 * sealed data-key vault, its information server, and the ExchangeParty / TraceParty the steps
 * take. `close()` stops what was started.
 */
export async function openExchangeSession({ hre, name, home, storage, informationServer = false }: OpenExchangeSessionParameters) {
  const session = await openParticipantSession({ hre, name, home });
  const { chain, participant, signer, deployment, registry } = session;
  const exchange = await import("../../offchain/exchange/index.js");
  const trace = await import("../../offchain/trace/index.js");
  const contracts = chain.connectExchange({ deployment, runner: signer });
  const participantHome = resolveParticipantHome({ name, home, projectRoot: hre.config.paths.root });
  const started: { stop(): Promise<void> }[] = [];
  try {
    const store = storage ? await startParticipantStore({ chain, participant, name, participantHome }) : undefined;
    if (store !== undefined) started.push(store);
    const vault = exchange.createDataKeyVault({ directory: exchange.exchangePaths(participant.directory).keys, privateKey: participant.encryptionKeyPair.privateKey });
    let server: { url: string; token: string } | undefined;
    if (informationServer) {
      const reached = await trace.reachParticipantInformationServer({ participantDirectory: participant.directory });
      server = reached;
      started.push({ stop: () => reached.close() });
    }
    const party = (): ExchangeParty => {
      if (store === undefined) throw new Error("openExchangeSession: storage was not started");
      return { address: participant.wallet.address, signer, encryptionPrivateKey: participant.encryptionKeyPair.privateKey, store, vault, registry, contracts };
    };
    const traceParty = (): TraceParty => {
      if (server === undefined) throw new Error("openExchangeSession: the information server was not reached");
      return { address: participant.wallet.address, signer, ledger: contracts.traceLedger, infoServer: { url: server.url, token: server.token } };
    };
    return {
      ...session,
      exchange,
      trace,
      contracts,
      store,
      vault,
      party,
      traceParty,
      async close() {
        for (const s of started.reverse()) await s.stop();
        await session.close();
      },
    };
  } catch (error) {
    for (const s of started.reverse()) await s.stop();
    await session.close();
    throw error;
  }
}
