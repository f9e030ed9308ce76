import type { Interface, Provider } from "ethers";

import { connectConsortium, connectQuality, participantPaths, type Deployment, type Participant } from "../chain/index.js";
import { qualityPaths, readQualityPolicy, type PairKeyVault, type QualityParty } from "../quality/index.js";
import { AgentRuntime } from "./agent-runtime.js";
import type { AgentContract, AgentHandler, AgentLogger } from "./agent-types.js";
import { createEndpointsHandler } from "./handlers/endpoints-handler.js";
import { createMembershipHandler } from "./handlers/membership-handler.js";
import { createQualityBuyerHandler } from "./handlers/quality-buyer-handler.js";
import { createQualityOwnerHandler } from "./handlers/quality-owner-handler.js";
import { createXorServicerHandler } from "./handlers/xor-servicer-handler.js";
import { readAgentPolicy } from "./read-agent-policy.js";

export type CreateParticipantAgentParameters = {
  participant: Participant;
  provider: Provider;
  deployment: Pick<Deployment, "address" | "startBlock"> & Partial<Pick<Deployment, "findAddress">>;
  logger: AgentLogger;
  /** Participant home (for the cursor and policy paths); default as in participantPaths. */
  home?: string | undefined;
  /** Overrides the deployment's start block for a first run. */
  startBlock?: number;
  pollIntervalMs?: number;
  /** Extra handlers from other parts (quality, torrent, …). */
  extraHandlers?: readonly AgentHandler[];
  /** Where the participant's storage node listens now: published on chain (updateEndpoints)
   * when the member's registered endpoints differ. Omit to leave them alone. */
  endpoints?: { peerId: string; multiaddrs: readonly string[] };
  /** The quality part's capabilities. When given and the deployment has a QualityChannel,
   * the agent follows the quality contracts with the quality-owner, xor-servicer and
   * quality-buyer handlers (each acts only on what concerns this participant). */
  quality?: {
    store: QualityParty["store"];
    /** The participant's sealed Paillier keys (createPairKeyVault). */
    vault: PairKeyVault;
    /** TEST/DEMO ONLY: accept Paillier keys under 2048 bits. */
    allowInsecureKeySize?: boolean;
    fetchTimeoutMs?: number;
  };
};

/** Wires a participant's agent: its wallet as signer, the consortium contracts, its policy
 * and the membership handler (plus the endpoints handler when `endpoints` is given, plus any
 * extra handlers), with the cursor in
 * `<participant>/agent/cursor.json`. Call `start()` or hand it to runAgent. */
export async function createParticipantAgent({
  participant,
  provider,
  deployment,
  logger,
  home,
  startBlock,
  pollIntervalMs,
  extraHandlers = [],
  endpoints,
  quality,
}: CreateParticipantAgentParameters): Promise<AgentRuntime> {
  const paths = participantPaths({ name: participant.name, home });
  const signer = participant.wallet.connect(provider);
  const { ballot, registry } = connectConsortium({ deployment, runner: signer });
  const policy = await readAgentPolicy({ file: paths.policy });
  logger.info(
    `policy: admission=${policy.admission}, membershipChanges=${policy.membershipChanges}, allowlist=${policy.allowlist.length} address(es)`,
  );
  const contracts: AgentContract[] = [
    { name: "ballot", address: await ballot.getAddress(), interface: ballot.interface },
    { name: "registry", address: await registry.getAddress(), interface: registry.interface },
  ];
  const qualityHandlers: AgentHandler[] = [];
  if (quality !== undefined && deployment.findAddress?.("QualityChannel") !== undefined) {
    const q = connectQuality({ deployment, runner: signer });
    for (const [name, contract] of Object.entries(q)) contracts.push({ name, address: await contract.getAddress(), interface: contract.interface as Interface });
    const qualityPolicy = await readQualityPolicy({ file: paths.policy });
    const party: QualityParty = {
      address: participant.wallet.address,
      encryptionPrivateKey: participant.encryptionKeyPair.privateKey,
      store: quality.store,
      registry,
      ...(quality.allowInsecureKeySize === undefined ? {} : { allowInsecureKeySize: quality.allowInsecureKeySize }),
      ...(quality.fetchTimeoutMs === undefined ? {} : { fetchTimeoutMs: quality.fetchTimeoutMs }),
    };
    logger.info(
      `quality: disclose=${qualityPolicy.disclose}, xorPrice=${qualityPolicy.xorPrice ?? "none (no offers)"}, following ${qualityPolicy.followLots.length} lot(s)`,
    );
    qualityHandlers.push(
      createQualityOwnerHandler({ party, contracts: q, vault: quality.vault, policy: qualityPolicy }),
      createXorServicerHandler({ party, contracts: q, policy: qualityPolicy }),
      createQualityBuyerHandler({ party, contracts: q, policy: qualityPolicy, historyFile: qualityPaths({ directory: participant.directory }).history }),
    );
  }
  return new AgentRuntime({
    self: participant.wallet.address,
    signer,
    provider,
    contracts,
    handlers: [
      createMembershipHandler({ ballot, registry, policy }),
      ...(endpoints === undefined ? [] : [createEndpointsHandler({ registry, ...endpoints })]),
      ...qualityHandlers,
      ...extraHandlers,
    ],
    cursorFile: paths.cursor,
    startBlock: startBlock ?? deployment.startBlock,
    logger,
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
  });
}
