import type { IQualityChannel } from "../../types/ethers-contracts/index.js";
import { fetchFromMember } from "../chain/index.js";
import { publicKeyFromJson, type PaillierPublicKey } from "../crypto/index.js";
import { parseQualityBundle, type QualityPairRef, type QualityPublicBundle } from "./bundles/index.js";
import { QualityStateError } from "./errors.js";
import type { QualityParty } from "./quality-party.js";

export type PublicPair = {
  pairId: bigint;
  /** B, the lot owner. */
  owner: string;
  lotId: string;
  pairRef: QualityPairRef;
  labelT: string;
  labelT1: string;
  bitLength: number;
  publicKey: PaillierPublicKey;
  publicKeyHash: string;
  bundle: QualityPublicBundle;
};

/**
 * Reads pair `pairId` from the channel and fetches its public key and public bundle from the
 * owner's node, each checked against the keccak256 on chain, and checks they belong together
 * (same modulus, bit length and pair reference as the chain says).
 */
export async function readPublicPair({
  party,
  channel,
  pairId,
}: {
  party: QualityParty;
  channel: Pick<IQualityChannel, "pair" | "pairOwner">;
  pairId: bigint;
}): Promise<PublicPair> {
  const [pair, owner] = await Promise.all([channel.pair(pairId), channel.pairOwner(pairId)]);
  const { params } = pair;
  const allowInsecureKeySize = party.allowInsecureKeySize ?? false;
  const fetch = (cid: string, expectedHash: string) =>
    fetchFromMember({ registry: party.registry, store: party.store, member: owner, cid, expectedHash, ...timeout(party) });
  const [keyBytes, bundleBytes] = await Promise.all([fetch(params.publicKeyCid, params.publicKeyHash), fetch(params.bundleCid, params.bundleHash)]);
  const publicKey = publicKeyFromJson({ json: new TextDecoder().decode(keyBytes), allowInsecureKeySize });
  const bundle = parseQualityBundle(bundleBytes, { expectedHash: params.bundleHash, allowInsecureKeySize });
  const pairRef = { lotId: pair.lotId.toLowerCase(), pairIndex: Number(pair.pairIndex) };
  const mismatch = (what: string, expected: unknown, got: unknown) =>
    new QualityStateError({ what: `public bundle of pair ${pairId}: ${what}`, expected: String(expected), got: String(got) });
  if (bundle.publicKey.n !== publicKey.n) throw mismatch("modulus", "the pair's published public key", "another modulus");
  if (bundle.bitLength !== Number(params.bitLength)) throw mismatch("bit length", params.bitLength, bundle.bitLength);
  if (bundle.lotId.toLowerCase() !== pairRef.lotId || bundle.pairIndex !== pairRef.pairIndex) {
    throw mismatch("pair reference", `${pairRef.lotId}#${pairRef.pairIndex}`, `${bundle.lotId}#${bundle.pairIndex}`);
  }
  return {
    pairId,
    owner,
    lotId: pairRef.lotId,
    pairRef,
    labelT: params.labelT,
    labelT1: params.labelT1,
    bitLength: Number(params.bitLength),
    publicKey,
    publicKeyHash: params.publicKeyHash,
    bundle,
  };
}

export function timeout(party: QualityParty): { timeoutMs?: number } {
  return party.fetchTimeoutMs === undefined ? {} : { timeoutMs: party.fetchTimeoutMs };
}
