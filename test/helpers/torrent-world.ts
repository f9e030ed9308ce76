import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import type { NetworkConnection } from "hardhat/types/network";

import PlatformModule from "../../ignition/modules/Platform.js";
import TorrentModule from "../../ignition/modules/Torrent.js";
import { createParticipantAgent, type AgentLogger, type AgentRuntime } from "../../offchain/agents/index.js";
import {
  DEMO_ORGANISATIONS,
  DEMO_SCRYPT,
  connectConsortium,
  connectTorrent,
  createParticipant,
  deploymentOfIgnitionResult,
  deriveDemoParticipant,
  founderParameterOf,
  loadParticipant,
  participantPaths,
  type DeploymentOfContractsResult,
  type Participant,
} from "../../offchain/chain/index.js";
import { requestAudit, voteOnAudit, type TorrentParty } from "../../offchain/torrent/index.js";
import { startEmbeddedStore, type EmbeddedStore } from "../../offchain/storage/index.js";
import type { IBallot } from "../../types/ethers-contracts/index.js";

const TEST_PASSWORD = "torrent-test-password";

export type TorrentActor = {
  name: string;
  participant: Participant;
  store: EmbeddedStore;
  party: TorrentParty;
  ballot: IBallot;
  /** Its agent while running. */
  agent?: AgentRuntime;
};

export type TorrentWorld = {
  home: string;
  deployment: DeploymentOfContractsResult;
  actors: Record<string, TorrentActor>;
  /** The actor whose wallet is `address`. */
  actorAt(address: string): TorrentActor;
  /** Every agent's log lines, prefixed with the actor's name. */
  lines: string[];
  startAgent(name: string): Promise<void>;
  stopAgent(name: string): Promise<void>;
  /** Stops the actor's agent and its storage node (the member is "down"). */
  goOffline(name: string): Promise<void>;
  /** Restarts the actor's storage node on the same directory and key (and its agent when `agent`). */
  comeOnline(name: string, options?: { agent?: boolean }): Promise<void>;
  waitFor(what: string, condition: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  /** An audit of `fileId` requested by the auditor and approved by the votes of materials-a,
   * chemicals-b, servicer-s and regulator (the fourth executes it); resolves once `released`
   * holders released their shares (default: none awaited). */
  approvedAudit(fileId: string, options?: { reason?: string; released?: number }): Promise<bigint>;
  stop(): Promise<void>;
};

/**
 * Six members (the demo organisations, all founders here) with the Torrent module deployed on
 * `connection`, each with its participant folder, its own Helia node on loopback and, once
 * started, its own in-process agent (50 ms polls). The auditor holds AUDITOR.
 */
export async function setUpTorrentWorld(
  connection: NetworkConnection,
  settings?: Record<string, number>,
  /** The Ignition module to deploy (default Torrent; Platform for parts that need more). */
  module: typeof TorrentModule | typeof PlatformModule = TorrentModule,
): Promise<TorrentWorld> {
  const home = await mkdtemp(path.join(tmpdir(), "sealedchain-torrent-"));
  const founders = [];
  const loaded = new Map<string, { participant: Participant; store: EmbeddedStore }>();
  for (const organisation of DEMO_ORGANISATIONS) {
    await createParticipant({ name: organisation.name, home, password: TEST_PASSWORD, keys: await deriveDemoParticipant(organisation.keyIndex), scrypt: DEMO_SCRYPT });
    const participant = await loadParticipant({ name: organisation.name, home, password: TEST_PASSWORD });
    const store = await startEmbeddedStore({ directory: participantPaths({ name: organisation.name, home }).ipfs, privateKey: participant.peerIdentity.privateKey });
    loaded.set(organisation.name, { participant, store });
    founders.push(founderParameterOf({ organisation: { ...organisation, founder: true }, profile: participant.profile, multiaddrs: store.multiaddrs }));
  }
  const startBlock = await connection.ethers.provider.getBlockNumber();
  const deployed = await connection.ignition.deploy(module as typeof TorrentModule, {
    parameters: { Consortium: { founders }, ...(settings === undefined ? {} : { Torrent: { settings } }) },
    displayUi: false,
  });
  const deployment = await deploymentOfIgnitionResult({ result: deployed, startBlock });
  const provider = connection.ethers.provider;
  const actors: Record<string, TorrentActor> = {};
  const partyOf = (participant: Participant, store: EmbeddedStore): TorrentParty => {
    const signer = participant.wallet.connect(provider);
    return {
      address: participant.wallet.address,
      signer,
      encryptionPrivateKey: participant.encryptionKeyPair.privateKey,
      store,
      registry: connectConsortium({ deployment, runner: signer }).registry,
      ledger: connectTorrent({ deployment, runner: signer }).ledger,
      fetchTimeoutMs: 5_000,
    };
  };
  for (const [name, { participant, store }] of loaded) {
    actors[name] = { name, participant, store, party: partyOf(participant, store), ballot: connectConsortium({ deployment, runner: participant.wallet.connect(provider) }).ballot };
  }
  const lines: string[] = [];
  const logger = (prefix: string): AgentLogger => ({
    info: (m) => lines.push(`[${prefix}] ${m}`),
    warn: (m) => lines.push(`[${prefix}] WARN ${m}`),
    error: (m) => lines.push(`[${prefix}] ERROR ${m}`),
  });
  const world: TorrentWorld = {
    home,
    deployment,
    actors,
    actorAt(address) {
      const actor = Object.values(actors).find((a) => a.party.address === address);
      if (actor === undefined) throw new Error(`no actor with address ${address}`);
      return actor;
    },
    lines,
    async startAgent(name) {
      const actor = actors[name]!;
      if (actor.agent !== undefined) return;
      actor.agent = await createParticipantAgent({
        participant: actor.participant,
        provider,
        deployment,
        home,
        logger: logger(name),
        pollIntervalMs: 50,
        endpoints: { peerId: actor.store.peerId, multiaddrs: actor.store.multiaddrs },
        torrent: { store: actor.store, fetchTimeoutMs: 5_000 },
      });
      actor.agent.start();
    },
    async stopAgent(name) {
      const actor = actors[name]!;
      await actor.agent?.stop();
      delete actor.agent;
    },
    async goOffline(name) {
      await world.stopAgent(name);
      await actors[name]!.store.stop();
    },
    async comeOnline(name, { agent = false } = {}) {
      const actor = actors[name]!;
      actor.store = await startEmbeddedStore({ directory: participantPaths({ name, home }).ipfs, privateKey: actor.participant.peerIdentity.privateKey });
      actor.party = partyOf(actor.participant, actor.store);
      if (agent) {
        await world.startAgent(name);
        // The agent publishes the node's new port first; wait, so that no test transaction
        // from the same wallet races it (automine refuses the second nonce).
        await world.waitFor(`${name}'s new endpoints on chain`, async () => (await actor.party.registry.member(actor.party.address)).profile.multiaddrs[0] === actor.store.multiaddrs[0]);
      }
    },
    async waitFor(what, condition, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; agent log:\n${lines.join("\n")}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async approvedAudit(fileId, { reason = "audit requested by a test", released = 0 } = {}) {
      const auditor = actors["auditor"]!;
      const { auditId } = await requestAudit({ ledger: auditor.party.ledger, fileId, reason });
      for (const name of ["materials-a", "chemicals-b", "servicer-s", "regulator"]) {
        const voter = actors[name]!;
        await voteOnAudit({ ledger: voter.party.ledger, ballot: voter.ballot, voter: voter.party.address, auditId, support: true });
      }
      if ((await auditor.party.ledger.audit(auditId)).approvedAt === 0n) throw new Error(`audit ${auditId} was not approved by four votes`);
      await world.waitFor(`${released} released shares`, async () => Number((await auditor.party.ledger.audit(auditId)).releasedCount) >= released);
      return auditId;
    },
    async stop() {
      for (const name of Object.keys(actors)) await world.stopAgent(name);
      await Promise.all(Object.values(actors).map((a) => a.store.stop()));
      await new Promise((resolve) => setTimeout(resolve, 1_200)); // libp2p writes its peer record ~1 s after stop
      await rm(home, { recursive: true, force: true });
    },
  };
  return world;
}
