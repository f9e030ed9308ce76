import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import type { NetworkConnection } from "hardhat/types/network";

import ExchangeModule from "../../ignition/modules/Exchange.js";
import PlatformModule from "../../ignition/modules/Platform.js";
import { createParticipantAgent, type AgentLogger, type AgentRuntime } from "../../offchain/agents/index.js";
import {
  DEMO_ORGANISATIONS,
  DEMO_SCRYPT,
  connectConsortium,
  connectExchange,
  connectPoints,
  createParticipant,
  deploymentOfIgnitionResult,
  deriveDemoParticipant,
  founderParameterOf,
  loadParticipant,
  participantPaths,
  type DeploymentOfContractsResult,
  type Participant,
} from "../../offchain/chain/index.js";
import { createDataKeyVault, exchangePaths, type DataKeyVault, type ExchangeParty } from "../../offchain/exchange/index.js";
import type { PointsParty } from "../../offchain/points/index.js";
import { startEmbeddedStore, type EmbeddedStore } from "../../offchain/storage/index.js";
import { startParticipantInformationServer, type TraceParty } from "../../offchain/trace/index.js";
import { ILoyaltyLedger__factory, type IConsortiumRegistry } from "../../types/ethers-contracts/index.js";

const TEST_PASSWORD = "exchange-test-password";

export type ExchangeActor = {
  name: string;
  participant: Participant;
  store: EmbeddedStore;
  vault: DataKeyVault;
  informationServer: Awaited<ReturnType<typeof startParticipantInformationServer>>;
  party: ExchangeParty;
  trace: TraceParty;
  /** The registry connected to its wallet (devices, roles). */
  registry: IConsortiumRegistry;
  agent?: AgentRuntime;
};

export type ExchangeWorld = {
  home: string;
  deployment: DeploymentOfContractsResult;
  actors: Record<string, ExchangeActor>;
  /** Every agent's log lines, prefixed with the actor's name. */
  lines: string[];
  /** Display name of the member at `address` ("Materials A", …), for rendered trees. */
  nameOf(address: string): string;
  startAgent(name: string): Promise<void>;
  stopAgent(name: string): Promise<void>;
  /** Stops the actor's information server (its traceability data becomes unreachable). */
  stopInformationServer(name: string): Promise<void>;
  waitFor(what: string, condition: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

/**
 * The six demo organisations, all founders with their demo roles (regulator and auditor hold
 * REGULATOR, servicer-s SERVICER, chemicals-b, auditor and regulator ARBITER), with the
 * Exchange module deployed on `connection` (`requiredConfirmations` = 2 unless given). Each
 * has its own Helia node and information server on loopback (URL registered at founding) and,
 * once started, its in-process agent (50 ms polls) with the exchange handlers.
 */
export async function setUpExchangeWorld(
  connection: NetworkConnection,
  {
    requiredConfirmations = 2,
    module = ExchangeModule,
  }: {
    requiredConfirmations?: number;
    /** The Ignition module to deploy: Exchange (default), or Platform for parts that need more (points). */
    module?: typeof ExchangeModule | typeof PlatformModule;
  } = {},
): Promise<ExchangeWorld> {
  const home = await mkdtemp(path.join(tmpdir(), "sealedchain-exchange-"));
  const founders = [];
  const loaded = new Map<string, Omit<ExchangeActor, "party" | "trace" | "registry">>();
  for (const organisation of DEMO_ORGANISATIONS) {
    await createParticipant({ name: organisation.name, displayName: organisation.organisation, home, password: TEST_PASSWORD, keys: await deriveDemoParticipant(organisation.keyIndex), scrypt: DEMO_SCRYPT });
    const participant = await loadParticipant({ name: organisation.name, home, password: TEST_PASSWORD });
    const store = await startEmbeddedStore({ directory: participantPaths({ name: organisation.name, home }).ipfs, privateKey: participant.peerIdentity.privateKey });
    const informationServer = await startParticipantInformationServer({ participantDirectory: participant.directory });
    const vault = createDataKeyVault({ directory: exchangePaths(participant.directory).keys, privateKey: participant.encryptionKeyPair.privateKey });
    loaded.set(organisation.name, { name: organisation.name, participant, store, vault, informationServer });
    founders.push(
      founderParameterOf({ organisation: { ...organisation, founder: true }, profile: { ...participant.profile, infoServerUrl: informationServer.url }, multiaddrs: store.multiaddrs }),
    );
  }
  const startBlock = await connection.ethers.provider.getBlockNumber();
  const deployed = await connection.ignition.deploy(module as typeof ExchangeModule, {
    parameters: { Consortium: { founders }, Exchange: { requiredConfirmations } },
    displayUi: false,
  });
  const deployment = await deploymentOfIgnitionResult({ result: deployed, startBlock });
  const provider = connection.ethers.provider;
  const actors: Record<string, ExchangeActor> = {};
  for (const [name, actor] of loaded) {
    const signer = actor.participant.wallet.connect(provider);
    const contracts = connectExchange({ deployment, runner: signer });
    const { registry } = connectConsortium({ deployment, runner: signer });
    actors[name] = {
      ...actor,
      registry,
      party: {
        address: actor.participant.wallet.address,
        signer,
        encryptionPrivateKey: actor.participant.encryptionKeyPair.privateKey,
        store: actor.store,
        vault: actor.vault,
        registry,
        contracts,
        fetchTimeoutMs: 5_000,
      },
      trace: { address: actor.participant.wallet.address, signer, ledger: contracts.traceLedger, infoServer: { url: actor.informationServer.url, token: actor.informationServer.token } },
    };
  }
  const names = new Map(DEMO_ORGANISATIONS.map((o) => [actors[o.name]!.participant.wallet.address.toLowerCase(), o.organisation]));
  const lines: string[] = [];
  const logger = (prefix: string): AgentLogger => ({
    info: (m) => lines.push(`[${prefix}] ${m}`),
    warn: (m) => lines.push(`[${prefix}] WARN ${m}`),
    error: (m) => lines.push(`[${prefix}] ERROR ${m}`),
  });
  const stoppedServers = new Set<string>();
  const world: ExchangeWorld = {
    home,
    deployment,
    actors,
    lines,
    nameOf: (address) => names.get(address.toLowerCase()) ?? address,
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
        exchange: { store: actor.store, vault: actor.vault, informationServer: actor.informationServer, fetchTimeoutMs: 5_000 },
        points: { store: actor.store, fetchTimeoutMs: 5_000 },
      });
      actor.agent.start();
    },
    async stopAgent(name) {
      const actor = actors[name]!;
      await actor.agent?.stop();
      delete actor.agent;
    },
    async stopInformationServer(name) {
      if (stoppedServers.has(name)) return;
      stoppedServers.add(name);
      await actors[name]!.informationServer.close();
    },
    async waitFor(what, condition, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; agent log:\n${lines.join("\n")}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      for (const name of Object.keys(actors)) await world.stopAgent(name);
      for (const name of Object.keys(actors)) await world.stopInformationServer(name);
      await Promise.all(Object.values(actors).map((a) => a.store.stop()));
      await new Promise((resolve) => setTimeout(resolve, 1_200)); // libp2p writes its peer record ~1 s after stop
      await rm(home, { recursive: true, force: true });
    },
  };
  return world;
}

/** A world member as a points party: on the Platform module's LoyaltyLedger, or on `ledgerAddress`
 * (a test that deploys its own next to the Exchange module). */
export function pointsPartyOf(world: ExchangeWorld, name: string, { fetchTimeoutMs = 5_000, ledgerAddress }: { fetchTimeoutMs?: number; ledgerAddress?: string } = {}): PointsParty {
  const actor = world.actors[name]!;
  return {
    address: actor.party.address,
    signer: actor.party.signer,
    encryptionPrivateKey: actor.participant.encryptionKeyPair.privateKey,
    store: actor.store,
    registry: actor.registry,
    ledger: ledgerAddress === undefined ? connectPoints({ deployment: world.deployment, runner: actor.party.signer }).ledger : ILoyaltyLedger__factory.connect(ledgerAddress, actor.party.signer),
    directory: path.join(actor.participant.directory, "points"),
    fetchTimeoutMs,
  };
}
