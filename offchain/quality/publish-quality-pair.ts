import { keccak256 } from "ethers";

import type { IQualityChannel } from "../../types/ethers-contracts/index.js";
import { encryptQualityBits, generatePaillierKeyPair, publicKeyToJson } from "../crypto/index.js";
import { bundleHash, serializeQualityBundle, serializeXorBundle } from "./bundles/index.js";
import { QualityStateError } from "./errors.js";
import type { PairKeyVault } from "./pair-key-vault.js";
import { pairSecretsToJson } from "./pair-secrets.js";
import { postXorToServicer } from "./post-xor-to-servicer.js";
import type { QualityParty } from "./quality-party.js";
import { revertName } from "./revert-name.js";

export type PublishQualityPairParameters = {
  party: QualityParty;
  /** Connected to B's signer. */
  channel: Pick<IQualityChannel, "lot" | "registerLot" | "publishPair" | "pair" | "pairCount" | "hasXorPost" | "xorPost" | "postXor" | "interface">;
  vault: PairKeyVault;
  /** bytes32 lot id (see lotIdOf); registered for B first if nobody registered it. */
  lotId: string;
  /** Public description used when the lot is registered now. */
  lotDescription?: string;
  labelT: string;
  labelT1: string;
  /** Quality value at time t (the paper's X) and t+1 (Y), each 0 ≤ v < 2^bitLength. */
  x: bigint;
  y: bigint;
  bitLength: number;
  /** The servicer who will sell the XOR data. */
  servicer: string;
  /** Paillier modulus size; default 3072. Below 2048 needs `allowInsecureKeySize`. */
  keyBits?: number;
  /** Test/demo speed only: accept a Paillier key under 2048 bits. Never for real data. */
  allowInsecureKeySize?: boolean;
};

export type PublishQualityPairResult = {
  pairId: bigint;
  pairIndex: number;
  publicKeyCid: string;
  publicKeyHash: string;
  bundleCid: string;
  bundleHash: string;
  encryptedXorCid: string;
  xorBundleHash: string;
  txHashes: string[];
};

/**
 * B's publication (Nasu et al. Table I): a fresh Paillier key for this (t, t+1) pair, the
 * bits of X and Y encrypted separately (LSB first) and their XORs; the public key and the
 * public bundle go to B's node and are referenced on chain (`publishPair`), the XOR bundle
 * goes encrypted to the chosen servicer (`postXor`, commitment = keccak256 of the plaintext
 * bundle). The private key and the XOR bundle are sealed into B's key vault BEFORE the
 * transaction, so a crash loses nothing; they never go on chain or into a log.
 */
export async function publishQualityPair(parameters: PublishQualityPairParameters): Promise<PublishQualityPairResult> {
  const { party, channel, vault, lotId, labelT, labelT1, x, y, bitLength, servicer } = parameters;
  const allowInsecureKeySize = parameters.allowInsecureKeySize ?? false;
  const txHashes: string[] = [];

  // The lot: B's own, registered now if new.
  let pairCount: bigint;
  try {
    const lot = await channel.lot(lotId);
    if (lot.owner.toLowerCase() !== party.address.toLowerCase()) {
      throw new QualityStateError({ what: `lot ${lotId}`, expected: `owned by ${party.address}`, got: `owned by ${lot.owner}` });
    }
    pairCount = lot.pairCount;
  } catch (error) {
    if (revertName(error, channel.interface) !== "QualityUnknownLot") throw error;
    const tx = await channel.registerLot(lotId, parameters.lotDescription ?? "");
    await tx.wait();
    txHashes.push(tx.hash);
    pairCount = 0n;
  }
  const pairIndex = Number(pairCount) + 1;

  const { privateKey, publicKey } = await generatePaillierKeyPair({
    ...(parameters.keyBits === undefined ? {} : { bits: parameters.keyBits }),
    allowInsecureKeySize,
  });
  const { ex, ey, exor } = encryptQualityBits({ privateKey, x, y, bitLength });
  const publicKeyBytes = new TextEncoder().encode(JSON.stringify(publicKeyToJson({ publicKey })));
  const pairRef = { lotId, pairIndex };
  const publicBundle = serializeQualityBundle({ publicKey, bitLength, lotId, pairIndex, labels: { t: labelT, t1: labelT1 }, ex, ey });
  const xorBundle = serializeXorBundle({ publicKey, bitLength, pairRef, exor });
  const publicKeyHash = keccak256(publicKeyBytes);
  await vault.savePending({ publicKeyHash, privateKeyJson: pairSecretsToJson({ privateKey, xorBundle }) });

  const publicKeyCid = await party.store.put(publicKeyBytes);
  const bundleCid = await party.store.put(publicBundle);
  const publicHash = bundleHash(publicBundle);
  const tx = await channel.publishPair(lotId, {
    labelT,
    labelT1,
    publicKeyCid,
    publicKeyHash,
    bitLength,
    bundleCid,
    bundleHash: publicHash,
  });
  const receipt = await tx.wait();
  txHashes.push(tx.hash);
  let pairId: bigint | undefined;
  for (const log of receipt?.logs ?? []) {
    const parsed = channel.interface.parseLog(log);
    if (parsed?.name === "PairPublished") pairId = parsed.args.getValue("pairId") as bigint;
  }
  if (pairId === undefined) throw new QualityStateError({ what: `publishPair tx ${tx.hash}`, expected: "a PairPublished event", got: "none" });
  await vault.assign({ publicKeyHash, pairId });

  const posted = await postXorToServicer({ party, channel, vault, pairId, servicer });
  if (posted.txHash !== undefined) txHashes.push(posted.txHash);
  return {
    pairId,
    pairIndex,
    publicKeyCid,
    publicKeyHash,
    bundleCid,
    bundleHash: publicHash,
    encryptedXorCid: posted.encryptedXorCid,
    xorBundleHash: posted.xorBundleHash,
    txHashes,
  };
}
