import { createHash } from "node:crypto";
import { MAX_SHARE_HOLDERS, SHARE_HOLDER_LABEL } from "./constants.js";
import { describeValue } from "../../describe-value.js";
import { InvalidPlacementParameterError, NotEnoughCandidatesError } from "./errors.js";
import { sortedDistinctAddresses } from "./normalize-members.js";
import { pickDistinct } from "./pick-distinct.js";

const FILE_ID_PATTERN = /^0x[0-9a-fA-F]{64}$/;

export interface PlaceShareHoldersParameters {
  fileId: string;
  /** The placement list (placementCandidates). */
  candidates: readonly string[];
  /** n, the number of key shares (1..min(255, M)). */
  shares: number;
}

/**
 * The holder of each key share (element i-1 holds share i): the digest of share i is
 * SHA3-256("sealedchain/torrent/share-holder/v1" ‖ fileId (32 B) ‖ uint16 BE i), it picks
 * the member whose range holds it, and a member already holding a share passes it on to the
 * next index (i + 1 mod M) not yet chosen. n distinct holders, derived from public data.
 * @throws NotEnoughCandidatesError shares > candidates
 */
export function placeShareHolders({ fileId, candidates, shares }: PlaceShareHoldersParameters): string[] {
  if (typeof fileId !== "string" || !FILE_ID_PATTERN.test(fileId)) {
    throw new InvalidPlacementParameterError({
      parameter: "fileId",
      expected: '"0x" followed by 64 hex digits (bytes32)',
      actual: describeValue(fileId),
    });
  }
  if (typeof shares !== "number" || !Number.isInteger(shares) || shares < 1 || shares > MAX_SHARE_HOLDERS) {
    throw new InvalidPlacementParameterError({
      parameter: "shares",
      expected: `an integer in [1, ${MAX_SHARE_HOLDERS}]`,
      actual: describeValue(shares),
    });
  }
  const sorted = sortedDistinctAddresses(candidates, "candidates");
  if (shares > sorted.length) throw new NotEnoughCandidatesError({ needed: shares, available: sorted.length });

  const label = Buffer.from(SHARE_HOLDER_LABEL, "utf8");
  const fileIdBytes = Buffer.from(fileId.slice(2), "hex");
  const digests: Uint8Array[] = [];
  for (let i = 1; i <= shares; i++) {
    const index = Buffer.alloc(2);
    index.writeUInt16BE(i);
    digests.push(new Uint8Array(createHash("sha3-256").update(label).update(fileIdBytes).update(index).digest()));
  }
  return pickDistinct(digests, sorted);
}
