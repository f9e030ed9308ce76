import type { IComparisonBoard, IFairExchangeEscrow, IQualityChannel, IXorMarket } from "../../types/ethers-contracts/index.js";
import { fetchFromMember } from "../chain/index.js";
import { openEnvelope, verifyComparisonAnswer } from "../crypto/index.js";
import { parseAnswerBundle } from "./bundles/index.js";
import { QualityStateError } from "./errors.js";
import { loadPurchasedXor } from "./load-purchased-xor.js";
import { QUALITY_CONTEXTS, type QualityParty } from "./quality-party.js";
import { appendQualityHistory, type QualityHistoryEntry } from "./quality-history.js";
import { timeout } from "./read-public-pair.js";
import { REQUEST_STATES } from "./request-comparison.js";

const RELATIONS = { lt: "X<Y", gt: "X>Y", eq: "X=Y" } as const;

/**
 * A reads B's answer (Nasu et al. Table V, hardened): fetches it from B's node (checked
 * against the hash on chain), opens it, checks it is about the right pair, and verifies it
 * without B's key (`verifyComparisonAnswer`: the nonce opens the named Enc(z_i) to 0, or the
 * zero-knowledge proof holds), then appends the result to A's history file (once per request).
 */
export async function readAnswer({
  party,
  channel,
  market,
  escrow,
  board,
  requestId,
  historyFile,
  now = () => new Date(),
}: {
  party: QualityParty;
  channel: Pick<IQualityChannel, "pair" | "pairOwner" | "xorPost">;
  market: IXorMarket;
  escrow: Pick<IFairExchangeEscrow, "order">;
  board: Pick<IComparisonBoard, "state" | "requestOf">;
  requestId: bigint;
  /** `<participant>/quality/history.json`. */
  historyFile: string;
  now?: () => Date;
}): Promise<{ entry: QualityHistoryEntry; appended: boolean }> {
  const state = REQUEST_STATES[Number(await board.state(requestId))];
  if (state !== "Answered") throw new QualityStateError({ what: `request ${requestId}`, expected: "Answered", got: state ?? "unknown" });
  const request = await board.requestOf(requestId);
  const { pair, bundle: xor } = await loadPurchasedXor({ party, channel, market, escrow, pairId: request.pairId });
  const envelope = await fetchFromMember({
    registry: party.registry,
    store: party.store,
    member: request.responder,
    cid: request.resultCid,
    expectedHash: request.resultHash,
    ...timeout(party),
  });
  const bytes = openEnvelope({ privateKey: party.encryptionPrivateKey, envelope, context: QUALITY_CONTEXTS.answer });
  const answerBundle = parseAnswerBundle(bytes, { allowInsecureKeySize: party.allowInsecureKeySize ?? false });
  if (
    answerBundle.publicKey.n !== pair.publicKey.n ||
    answerBundle.pairRef.lotId.toLowerCase() !== pair.pairRef.lotId ||
    answerBundle.pairRef.pairIndex !== pair.pairRef.pairIndex
  ) {
    throw new QualityStateError({ what: `answer to request ${requestId}`, expected: `pair ${pair.pairRef.lotId}#${pair.pairRef.pairIndex}`, got: "an answer about another pair or key" });
  }
  const verified = verifyComparisonAnswer({ publicKey: pair.publicKey, ex: pair.bundle.ex, ey: pair.bundle.ey, exor: xor.exor, answer: answerBundle.answer });
  const index = verified.highestDifferingBit ?? verified.index;
  const entry: QualityHistoryEntry = {
    requestId: requestId.toString(),
    lotId: pair.lotId,
    pairId: pair.pairId.toString(),
    labelT: pair.labelT,
    labelT1: pair.labelT1,
    relation: RELATIONS[verified.relation],
    highestDifferingBit: index ?? null,
    bound: index === undefined ? null : `|X−Y| < 2^${index + 1}`,
    time: now().toISOString(),
  };
  return { entry, appended: await appendQualityHistory({ file: historyFile, entry }) };
}
