import { generateKeyPair, privateKeyToProtobuf } from "@libp2p/crypto/keys";
import { peerIdFromPrivateKey } from "@libp2p/peer-id";
import type { PeerIdentity } from "./peer-identity.js";

export type GeneratePeerIdentityResult = PeerIdentity;

/** A fresh Ed25519 libp2p identity. The caller stores `privateKeyBytes` encrypted. */
export async function generatePeerIdentity(): Promise<GeneratePeerIdentityResult> {
  const privateKey = await generateKeyPair("Ed25519");
  return {
    privateKey,
    privateKeyBytes: privateKeyToProtobuf(privateKey),
    peerId: peerIdFromPrivateKey(privateKey).toString(),
  };
}
