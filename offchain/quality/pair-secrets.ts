import { getBytes, hexlify } from "ethers";

import {
  privateKeyFromJson,
  privateKeyToJson,
  type PaillierPrivateKey,
  type PaillierPrivateKeyJson,
} from "../crypto/index.js";
import type { PairKeyVault } from "./pair-key-vault.js";

/** What B keeps per pair: the Paillier private key and its plaintext XOR bundle (needed to
 * recompute a requester's vectors; the only copies elsewhere are encrypted to servicers). */
export type PairSecrets = { privateKey: PaillierPrivateKey; xorBundle: Uint8Array };

type PairSecretsJson = { version: 1; privateKey: PaillierPrivateKeyJson; xorBundle: string };

export function pairSecretsToJson({ privateKey, xorBundle }: PairSecrets): string {
  const json: PairSecretsJson = { version: 1, privateKey: privateKeyToJson({ privateKey }), xorBundle: hexlify(xorBundle) };
  return JSON.stringify(json);
}

/** Opens B's secrets of `pairId` from its vault. */
export async function loadPairSecrets({
  vault,
  pairId,
  publicKeyHash,
  allowInsecureKeySize = false,
}: {
  vault: PairKeyVault;
  pairId: bigint;
  publicKeyHash: string;
  allowInsecureKeySize?: boolean;
}): Promise<PairSecrets> {
  const json = JSON.parse(await vault.load({ pairId, publicKeyHash })) as PairSecretsJson;
  return {
    privateKey: privateKeyFromJson({ json: json.privateKey, allowInsecureKeySize }),
    xorBundle: getBytes(json.xorBundle),
  };
}
