import { privateKeyFromProtobuf } from "@libp2p/crypto/keys";
import { peerIdFromPrivateKey } from "@libp2p/peer-id";
import { InvalidPeerIdentityError } from "./errors.js";
import type { PeerIdentity } from "./peer-identity.js";

export type PeerIdentityFromBytesResult = PeerIdentity;

/** Restores an identity from the protobuf bytes generatePeerIdentity returned. */
export function peerIdentityFromBytes(bytes: Uint8Array): PeerIdentityFromBytesResult {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidPeerIdentityError({ reason: `expected a Uint8Array, got ${bytes === null ? "null" : typeof bytes}` });
  }
  let privateKey;
  try {
    privateKey = privateKeyFromProtobuf(bytes);
  } catch (cause) {
    throw new InvalidPeerIdentityError({
      reason: `${bytes.length} bytes are not a protobuf-encoded libp2p private key`,
      cause,
    });
  }
  return {
    privateKey,
    privateKeyBytes: Uint8Array.from(bytes),
    peerId: peerIdFromPrivateKey(privateKey).toString(),
  };
}
