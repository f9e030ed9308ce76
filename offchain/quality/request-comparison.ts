import { keccak256 } from "ethers";

import type { IComparisonBoard, IFairExchangeEscrow, IQualityChannel, IXorMarket } from "../../types/ethers-contracts/index.js";
import { computeComparisonVectors } from "../crypto/index.js";
import { serializeRequestBundle } from "./bundles/index.js";
import { encryptToMember } from "../chain/index.js";
import { QualityStateError } from "./errors.js";
import type { DeliveryVerdict } from "./check-delivery.js";
import { loadPurchasedXor } from "./load-purchased-xor.js";
import { QUALITY_CONTEXTS, type QualityParty } from "./quality-party.js";

/** ComparisonBoard.RequestState. */
export const REQUEST_STATES = ["None", "Open", "Answered", "Rejected", "Expired"] as const;

/**
 * A's comparison request (Nasu et al. Table III): with the public Enc(x_i), Enc(y_i) and the
 * bought Enc(x_i ⊕ y_i), computes Enc(z_i^<) and Enc(z_i^>) for every bit, serializes both
 * vectors, encrypts them to B (only B needs them; public vectors would let others derive
 * the XOR data S sells), stores the envelope in A's node and opens a request on the board.
 * Idempotent: an Open or Answered request of A for the pair is returned, not sent again.
 */
export async function requestComparison({
  party,
  channel,
  market,
  escrow,
  board,
  pairId,
  purchased,
}: {
  party: QualityParty;
  channel: Pick<IQualityChannel, "pair" | "pairOwner" | "xorPost">;
  market: IXorMarket;
  escrow: Pick<IFairExchangeEscrow, "order">;
  /** Connected to A's signer. */
  board: IComparisonBoard;
  pairId: bigint;
  /** The purchase A has just verified (checkDelivery's "ok" verdict), so it is not fetched,
   * opened and checked a second time; without it, A's confirmed purchase is loaded. */
  purchased?: Extract<DeliveryVerdict, { verdict: "ok" }>;
}): Promise<{ requestId: bigint; txHash: string | undefined }> {
  for (const event of await board.queryFilter(board.filters.RequestOpened(undefined, pairId, party.address))) {
    const state = REQUEST_STATES[Number(await board.state(event.args.requestId))];
    if (state === "Open" || state === "Answered") return { requestId: event.args.requestId, txHash: undefined };
  }
  if (purchased !== undefined && purchased.pair.pairId !== pairId) {
    throw new QualityStateError({ what: "the purchase passed to requestComparison", expected: `pair ${pairId}`, got: `pair ${purchased.pair.pairId}` });
  }
  const { pair, bundle: xor } = purchased ?? (await loadPurchasedXor({ party, channel, market, escrow, pairId }));
  const { lt, gt } = computeComparisonVectors({ publicKey: pair.publicKey, ex: pair.bundle.ex, ey: pair.bundle.ey, exor: xor.exor });
  const request = serializeRequestBundle({ publicKey: pair.publicKey, bitLength: pair.bitLength, pairRef: pair.pairRef, lt, gt });
  const envelope = await encryptToMember({ registry: party.registry, member: pair.owner, plaintext: request, context: QUALITY_CONTEXTS.request });
  const cid = await party.store.put(envelope);
  const tx = await board.request(pairId, cid, keccak256(envelope));
  const receipt = await tx.wait();
  for (const log of receipt?.logs ?? []) {
    const parsed = board.interface.parseLog(log);
    if (parsed?.name === "RequestOpened") return { requestId: parsed.args.getValue("requestId") as bigint, txHash: tx.hash };
  }
  throw new QualityStateError({ what: `request tx ${tx.hash}`, expected: "a RequestOpened event", got: "none" });
}
