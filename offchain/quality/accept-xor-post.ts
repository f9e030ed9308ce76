import type { IQualityChannel } from "../../types/ethers-contracts/index.js";
import { fetchFromMember } from "../chain/index.js";
import { openEnvelope } from "../crypto/index.js";
import type { QualityXorBundle } from "./bundles/index.js";
import { checkXorBundle } from "./check-xor-bundle.js";
import { QUALITY_CONTEXTS, type QualityParty } from "./quality-party.js";
import { readPublicPair, timeout, type PublicPair } from "./read-public-pair.js";

export type AcceptXorPostResult = {
  pair: PublicPair;
  /** The plaintext XOR bundle's exact bytes (what S re-encrypts to each buyer). */
  xorBundle: Uint8Array;
  bundle: QualityXorBundle;
  commitment: string;
};

/**
 * S's receipt of a pair's XOR data (Nasu et al. Table II step 1): fetches the envelope B
 * posted for this servicer from B's node, pins it (S serves from its own copy later), opens
 * it, and checks the plaintext bundle against B's commitment and the pair's public data.
 * Read-only on chain; safe to repeat (a later call reads the pinned copy).
 */
export async function acceptXorPost({
  party,
  channel,
  pairId,
}: {
  party: QualityParty;
  channel: Pick<IQualityChannel, "pair" | "pairOwner" | "xorPost">;
  pairId: bigint;
}): Promise<AcceptXorPostResult> {
  const pair = await readPublicPair({ party, channel, pairId });
  const post = await channel.xorPost(pairId, party.address);
  const envelope = await fetchFromMember({ registry: party.registry, store: party.store, member: pair.owner, cid: post.encryptedXorCid, ...timeout(party) });
  await party.store.pin(post.encryptedXorCid, timeout(party));
  const xorBundle = openEnvelope({ privateKey: party.encryptionPrivateKey, envelope, context: QUALITY_CONTEXTS.xorToServicer });
  const bundle = checkXorBundle({ pair, bytes: xorBundle, commitment: post.xorBundleHash, allowInsecureKeySize: party.allowInsecureKeySize ?? false });
  return { pair, xorBundle, bundle, commitment: post.xorBundleHash };
}
