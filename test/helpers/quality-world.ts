import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import type { NetworkConnection } from "hardhat/types/network";

import QualityModule from "../../ignition/modules/Quality.js";
import {
  DEMO_ORGANISATIONS,
  DEMO_SCRYPT,
  connectConsortium,
  connectQuality,
  createParticipant,
  deploymentOfIgnitionResult,
  deriveDemoParticipant,
  founderParameterOf,
  loadParticipant,
  participantPaths,
  type Participant,
  type DeploymentOfContractsResult,
  type QualityContracts,
} from "../../offchain/chain/index.js";
import { createPairKeyVault, qualityPaths, type PairKeyVault, type QualityParty } from "../../offchain/quality/index.js";
import { startEmbeddedStore, type EmbeddedStore } from "../../offchain/storage/index.js";

export const TEST_PASSWORD = "quality-test-password";
/** TEST ONLY: 512-bit Paillier keys keep the protocol tests fast. Never for real data. */
export const TEST_KEY_BITS = 512;

export type QualityActor = {
  participant: Participant;
  store: EmbeddedStore;
  party: QualityParty;
  contracts: QualityContracts;
  vault: PairKeyVault;
  historyFile: string;
};

export type QualityWorld = {
  home: string;
  deployment: DeploymentOfContractsResult;
  a: QualityActor;
  b: QualityActor;
  s: QualityActor;
  stop(): Promise<void>;
};

/** The five demo founders on `connection` with the Quality module deployed; materials-a (A),
 * chemicals-b (B) and servicer-s (S) get a participant folder and a Helia node on loopback. */
export async function setUpQualityWorld(connection: NetworkConnection): Promise<QualityWorld> {
  const home = await mkdtemp(path.join(tmpdir(), "sealedchain-quality-"));
  const stores: EmbeddedStore[] = [];
  const founders = [];
  const loaded = new Map<string, { participant: Participant; store: EmbeddedStore | undefined }>();
  for (const organisation of DEMO_ORGANISATIONS.filter((o) => o.founder)) {
    await createParticipant({ name: organisation.name, home, password: TEST_PASSWORD, keys: await deriveDemoParticipant(organisation.keyIndex), scrypt: DEMO_SCRYPT });
    const participant = await loadParticipant({ name: organisation.name, home, password: TEST_PASSWORD });
    let store: EmbeddedStore | undefined;
    if (["materials-a", "chemicals-b", "servicer-s"].includes(organisation.name)) {
      store = await startEmbeddedStore({ directory: participantPaths({ name: organisation.name, home }).ipfs, privateKey: participant.peerIdentity.privateKey });
      stores.push(store);
    }
    loaded.set(organisation.name, { participant, store });
    founders.push(founderParameterOf({ organisation, profile: participant.profile, multiaddrs: store?.multiaddrs ?? [] }));
  }
  const startBlock = await connection.ethers.provider.getBlockNumber();
  const deployed = await connection.ignition.deploy(QualityModule, { parameters: { Consortium: { founders } }, displayUi: false });
  const deployment = await deploymentOfIgnitionResult({ result: deployed, startBlock });
  const actor = (name: string): QualityActor => {
    const { participant, store } = loaded.get(name)!;
    const signer = participant.wallet.connect(connection.ethers.provider);
    const { registry } = connectConsortium({ deployment, runner: connection.ethers.provider });
    const paths = qualityPaths({ directory: participant.directory });
    return {
      participant,
      store: store!,
      contracts: connectQuality({ deployment, runner: signer }),
      vault: createPairKeyVault({ name, directory: paths.keys, password: TEST_PASSWORD, scrypt: DEMO_SCRYPT }),
      historyFile: paths.history,
      party: {
        address: participant.wallet.address,
        encryptionPrivateKey: participant.encryptionKeyPair.privateKey,
        store: store!,
        registry,
        allowInsecureKeySize: true, // TEST ONLY (512-bit keys)
        fetchTimeoutMs: 10_000,
      },
    };
  };
  return {
    home,
    deployment,
    a: actor("materials-a"),
    b: actor("chemicals-b"),
    s: actor("servicer-s"),
    async stop() {
      await Promise.all(stores.map((store) => store.stop()));
      await new Promise((resolve) => setTimeout(resolve, 1_200)); // libp2p writes its peer record ~1 s after stop
      await rm(home, { recursive: true, force: true });
    },
  };
}
