import type { Participant } from "../../offchain/chain/index.js";

/**
 * Starts the participant's embedded IPFS node for a task: same repository and peer identity
 * as its agent's node, on a free loopback port. Tasks stop it when they are done.
 */
export async function startParticipantStore({ chain, participant, name, participantHome }: {
  chain: typeof import("../../offchain/chain/index.js");
  participant: Participant;
  name: string;
  participantHome: string;
}) {
  const { startEmbeddedStore } = await import("../../offchain/storage/index.js");
  return startEmbeddedStore({
    directory: chain.participantPaths({ name, home: participantHome }).ipfs,
    privateKey: participant.peerIdentity.privateKey,
    listenAddresses: ["/ip4/127.0.0.1/tcp/0"],
  });
}
