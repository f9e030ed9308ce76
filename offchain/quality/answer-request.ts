import { keccak256 } from "ethers";

import type { IComparisonBoard, IQualityChannel } from "../../types/ethers-contracts/index.js";
import { fetchFromMember } from "../chain/index.js";
import { ComparisonRequestMismatchError, EnvelopeError, answerComparison, openEnvelope, type ComparisonDisclosure } from "../crypto/index.js";
import { QualityBundleError, parseRequestBundle, parseXorBundle, serializeAnswerBundle } from "./bundles/index.js";
import { encryptToMember } from "../chain/index.js";
import { QualityStateError } from "./errors.js";
import type { PairKeyVault } from "./pair-key-vault.js";
import { loadPairSecrets } from "./pair-secrets.js";
import { QUALITY_CONTEXTS, type QualityParty } from "./quality-party.js";
import { readPublicPair, timeout } from "./read-public-pair.js";
import { REQUEST_STATES } from "./request-comparison.js";

/** ComparisonBoard reject codes. */
export const REJECT_REASONS = { malformed: 1, probing: 2, policy: 3 } as const;

export type AnswerRequestResult =
  | { outcome: "answered"; resultCid: string; resultHash: string; txHash: string }
  | { outcome: "rejected"; reason: number; why: string; txHash: string }
  | { outcome: "skipped"; why: string };

/**
 * B's answer (Nasu et al. Table IV, hardened): fetches A's request from A's node (checked
 * against the hash on chain) and opens it; recomputes A's vectors from B's own bundles
 * (deterministic) and answers only if they are identical, so A cannot use B as a decryption
 * oracle: an unreadable request is rejected with REJECT_MALFORMED (1), different vectors with
 * REJECT_PROBING (2). The answer (relation, plus index and nonce, or a zero-knowledge proof,
 * per B's `disclose` policy) goes encrypted to A through B's node. Idempotent: only an Open
 * request addressed to B is handled.
 */
export async function answerRequest({
  party,
  channel,
  board,
  vault,
  requestId,
  disclose,
}: {
  party: QualityParty;
  channel: Pick<IQualityChannel, "pair" | "pairOwner">;
  /** Connected to B's signer. */
  board: Pick<IComparisonBoard, "state" | "requestOf" | "respond" | "reject">;
  vault: PairKeyVault;
  requestId: bigint;
  disclose: ComparisonDisclosure;
}): Promise<AnswerRequestResult> {
  const state = REQUEST_STATES[Number(await board.state(requestId))];
  if (state !== "Open") return { outcome: "skipped", why: `request ${requestId} is ${state}` };
  const request = await board.requestOf(requestId);
  if (request.responder.toLowerCase() !== party.address.toLowerCase()) return { outcome: "skipped", why: `request ${requestId} is addressed to ${request.responder}` };
  const allowInsecureKeySize = party.allowInsecureKeySize ?? false;

  const reject = async (reason: number, why: string): Promise<AnswerRequestResult> => {
    const tx = await board.reject(requestId, reason, "");
    await tx.wait();
    return { outcome: "rejected", reason, why, txHash: tx.hash };
  };

  const pair = await readPublicPair({ party, channel, pairId: request.pairId });
  const envelope = await fetchFromMember({
    registry: party.registry,
    store: party.store,
    member: request.requester,
    cid: request.requestCid,
    expectedHash: request.requestHash,
    ...timeout(party),
  });
  let vectors: { lt: bigint[]; gt: bigint[] };
  try {
    const bytes = openEnvelope({ privateKey: party.encryptionPrivateKey, envelope, context: QUALITY_CONTEXTS.request });
    const parsed = parseRequestBundle(bytes, { allowInsecureKeySize });
    if (parsed.publicKey.n !== pair.publicKey.n || parsed.pairRef.lotId.toLowerCase() !== pair.pairRef.lotId || parsed.pairRef.pairIndex !== pair.pairRef.pairIndex) {
      throw new QualityStateError({ what: `request ${requestId}`, expected: `pair ${pair.pairRef.lotId}#${pair.pairRef.pairIndex} under its key`, got: "another pair or key" });
    }
    vectors = { lt: parsed.lt, gt: parsed.gt };
  } catch (error) {
    if (error instanceof EnvelopeError || error instanceof QualityBundleError || error instanceof QualityStateError) {
      return reject(REJECT_REASONS.malformed, error.message);
    }
    throw error;
  }

  const secrets = await loadPairSecrets({ vault, pairId: request.pairId, publicKeyHash: pair.publicKeyHash, allowInsecureKeySize });
  const xor = parseXorBundle(secrets.xorBundle, { allowInsecureKeySize });
  let answer;
  try {
    answer = answerComparison({ privateKey: secrets.privateKey, ex: pair.bundle.ex, ey: pair.bundle.ey, exor: xor.exor, request: vectors, disclose });
  } catch (error) {
    if (error instanceof ComparisonRequestMismatchError) return reject(REJECT_REASONS.probing, error.message);
    throw error;
  }
  const result = serializeAnswerBundle({ publicKey: pair.publicKey, bitLength: pair.bitLength, pairRef: pair.pairRef, answer });
  const sealed = await encryptToMember({ registry: party.registry, member: request.requester, plaintext: result, context: QUALITY_CONTEXTS.answer });
  const resultCid = await party.store.put(sealed);
  const resultHash = keccak256(sealed);
  const tx = await board.respond(requestId, resultCid, resultHash);
  await tx.wait();
  return { outcome: "answered", resultCid, resultHash, txHash: tx.hash };
}
