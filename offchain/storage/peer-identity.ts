import type { PrivateKey } from "@libp2p/interface";

/** A libp2p identity for a participant's storage/p2p node. */
export interface PeerIdentity {
  /** Pass to startEmbeddedStore({ privateKey }). */
  privateKey: PrivateKey;
  /** Protobuf-encoded private key (libp2p's own format); secret, store encrypted at rest. */
  privateKeyBytes: Uint8Array;
  /** Base58btc peer id ("12D3KooW…" for Ed25519); public, goes in the consortium registry. */
  peerId: string;
}
