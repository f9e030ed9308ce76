import type { Wallet } from "ethers";

import type { generateEncryptionKeyPair } from "../crypto/index.js";
import type { generatePeerIdentity } from "../storage/index.js";

export type EncryptionKeyPair = ReturnType<typeof generateEncryptionKeyPair>;
export type PeerIdentity = Awaited<ReturnType<typeof generatePeerIdentity>>;

/** profile.json: public facts only. Never holds a private key. */
export type ParticipantProfile = {
  version: 1;
  name: string;
  /** Organisation name registered on chain (e.g. "Carrier F"); defaults to `name`. */
  displayName: string;
  /** Wallet address (checksummed); the participant's on-chain identity. */
  address: string;
  /** 33-byte compressed secp256k1 public key, 0x-hex; what others encrypt to. */
  encryptionPublicKey: string;
  /** libp2p peer id of the participant's storage node. */
  peerId: string;
  /** Where the storage node listens; the agent fills in the bound addresses on start. */
  listenAddresses: string[];
  /** Announced multiaddrs (with /p2p/<peerId>), as last seen by the agent. */
  multiaddrs: string[];
  /** Optional information-server URL (HTTP JSON, used by trace queries). */
  infoServerUrl: string;
  /** True for throwaway demo participants derived from the public test mnemonic. */
  insecureDemoKeys: boolean;
  createdAt: string;
};

/** A loaded participant: everything needed to sign, decrypt and run a storage node. */
export type Participant = {
  name: string;
  directory: string;
  wallet: Wallet;
  encryptionKeyPair: EncryptionKeyPair;
  peerIdentity: PeerIdentity;
  profile: ParticipantProfile;
};

/** Secret material supplied by the caller instead of fresh random keys (demo participants). */
export type ParticipantKeys = {
  walletPrivateKey: string;
  encryptionPrivateKey: Uint8Array;
  /** libp2p private key, protobuf-encoded (as `privateKeyToProtobuf` returns it). */
  peerPrivateKeyBytes: Uint8Array;
};

/** Plaintext of secrets.json (before sealing). */
export type ParticipantSecrets = {
  encryptionPrivateKey: string;
  peerPrivateKey: string;
};

export function secretsAad(name: string): string {
  return `sealedchain/participant-secrets/v1/${name}`;
}
