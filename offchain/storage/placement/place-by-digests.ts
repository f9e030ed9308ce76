import { describeValue } from "../../describe-value.js";
import { InvalidPlacementParameterError } from "./errors.js";
import { sortedDistinctAddresses } from "./normalize-members.js";
import { pickDistinct } from "./pick-distinct.js";

export interface PlaceByDigestsParameters {
  /** One digest (>= 8 bytes) per owner wanted, in priority order. */
  digests: readonly Uint8Array[];
  /** The placement list (placementCandidates); sorted ascending here in any case. */
  candidates: readonly string[];
  /** How many owners (1..digests.length); defaults to digests.length. */
  count?: number;
}

/**
 * min(count, M) distinct owners, in digest order: each digest picks the candidate whose
 * range holds it (rangeIndex); if that candidate was already chosen, the walk goes on to
 * the next index (i + 1 mod M) until one not yet chosen. With fewer candidates than digests,
 * every candidate is an owner. The candidates are put in ascending order first, so the
 * result depends only on the set of candidates.
 */
export function placeByDigests({ digests, candidates, count }: PlaceByDigestsParameters): string[] {
  if (!Array.isArray(digests) || digests.length === 0) {
    throw new InvalidPlacementParameterError({ parameter: "digests", expected: "a non-empty array", actual: describeValue(digests) });
  }
  const wanted = count ?? digests.length;
  if (typeof wanted !== "number" || !Number.isInteger(wanted) || wanted < 1 || wanted > digests.length) {
    throw new InvalidPlacementParameterError({
      parameter: "count",
      expected: `an integer in [1, ${digests.length}] (one digest per owner)`,
      actual: describeValue(wanted),
    });
  }
  const sorted = sortedDistinctAddresses(candidates, "candidates");
  return pickDistinct(digests.slice(0, Math.min(wanted, sorted.length)), sorted);
}
