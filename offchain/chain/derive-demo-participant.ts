import { generateKeyPairFromSeed, privateKeyToProtobuf } from "@libp2p/crypto/keys";
import { HDNodeWallet, Mnemonic, getBytes, keccak256, toUtf8Bytes, concat } from "ethers";

import type { ParticipantKeys } from "./participant-types.js";

/** Hardhat's public test mnemonic: its accounts are funded on every Hardhat chain. */
export const HARDHAT_TEST_MNEMONIC = "test test test test test test test test test test test junk";

export type DemoParticipantKeys = ParticipantKeys & {
  /** Always true: anyone can re-derive these keys from the public mnemonic. */
  insecure: true;
  address: string;
};

/**
 * INSECURE, FOR LOCAL DEMOS ONLY. Derives throwaway keys for demo participant `index`:
 * the wallet is Hardhat's funded test account m/44'/60'/0'/0/<index>, and the encryption
 * and libp2p keys are hashes of that (public) private key with distinct labels, so devnet
 * runs are reproducible. Never use these keys for anything real.
 */
export async function deriveDemoParticipant(index: number): Promise<DemoParticipantKeys> {
  if (!Number.isSafeInteger(index) || index < 0 || index > 1000) {
    throw new RangeError(`deriveDemoParticipant: index must be an integer in 0..1000, got ${index}`);
  }
  const mnemonic = Mnemonic.fromPhrase(HARDHAT_TEST_MNEMONIC);
  const wallet = HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${index}`);
  const label = (what: string) => getBytes(keccak256(concat([toUtf8Bytes(`sealedchain-demo/${what}/`), wallet.privateKey])));
  const peerKey = await generateKeyPairFromSeed("Ed25519", label("libp2p-ed25519-seed"));
  return {
    insecure: true,
    address: wallet.address,
    walletPrivateKey: wallet.privateKey,
    // A keccak output is a valid secp256k1 scalar except with negligible probability.
    encryptionPrivateKey: label("secp256k1-encryption"),
    peerPrivateKeyBytes: privateKeyToProtobuf(peerKey),
  };
}

/** Password of the devnet's demo participants. Their keys derive from a public mnemonic,
 * so the password protects nothing; it exists only so the same keyfile code path runs. */
export const DEVNET_DEMO_PASSWORD = "sealedchain-devnet-insecure-demo";
