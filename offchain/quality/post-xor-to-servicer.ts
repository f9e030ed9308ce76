import type { IQualityChannel } from "../../types/ethers-contracts/index.js";
import { bundleHash } from "./bundles/index.js";
import { encryptToMember } from "../chain/index.js";
import type { PairKeyVault } from "./pair-key-vault.js";
import { loadPairSecrets } from "./pair-secrets.js";
import { QUALITY_CONTEXTS, type QualityParty } from "./quality-party.js";

export type PostXorToServicerParameters = {
  party: QualityParty;
  /** Connected to B's signer. */
  channel: Pick<IQualityChannel, "pair" | "hasXorPost" | "xorPost" | "postXor">;
  vault: PairKeyVault;
  pairId: bigint;
  /** The servicer B chooses (holds SERVICER); the bundle is encrypted to its registered key. */
  servicer: string;
};

export type PostXorToServicerResult = {
  encryptedXorCid: string;
  /** keccak256 of the plaintext XOR bundle: B's commitment, checked by S and by buyers. */
  xorBundleHash: string;
  /** Undefined when the post was already on chain (nothing sent). */
  txHash: string | undefined;
};

/**
 * B's XOR step (Nasu et al. Table I step 4, Fig. 5 "XOR CC"): encrypts the pair's plaintext
 * XOR bundle Enc(x_i ⊕ y_i) to the servicer's registered key, stores the envelope in B's node
 * and posts its CID with the keccak256 of the PLAINTEXT bundle as commitment. Idempotent:
 * an existing post for (pair, servicer) is returned, not sent again.
 */
export async function postXorToServicer({ party, channel, vault, pairId, servicer }: PostXorToServicerParameters): Promise<PostXorToServicerResult> {
  if (await channel.hasXorPost(pairId, servicer)) {
    const post = await channel.xorPost(pairId, servicer);
    return { encryptedXorCid: post.encryptedXorCid, xorBundleHash: post.xorBundleHash, txHash: undefined };
  }
  const pair = await channel.pair(pairId);
  const { xorBundle } = await loadPairSecrets({
    vault,
    pairId,
    publicKeyHash: pair.params.publicKeyHash,
    allowInsecureKeySize: party.allowInsecureKeySize ?? false,
  });
  const envelope = await encryptToMember({ registry: party.registry, member: servicer, plaintext: xorBundle, context: QUALITY_CONTEXTS.xorToServicer });
  const encryptedXorCid = await party.store.put(envelope);
  const xorBundleHash = bundleHash(xorBundle);
  const tx = await channel.postXor(pairId, servicer, encryptedXorCid, xorBundleHash);
  await tx.wait();
  return { encryptedXorCid, xorBundleHash, txHash: tx.hash };
}
