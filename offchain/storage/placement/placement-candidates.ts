import { InvalidPlacementParameterError } from "./errors.js";
import { normalizeAddress, sortedDistinctAddresses } from "./normalize-members.js";

export interface PlacementCandidatesParameters {
  /** Every consortium member (any order, any address case). */
  members: readonly string[];
  /** The file owner, who never stores its own chunks. */
  exclude: string;
}

/**
 * The placement list of a file: every member but the owner, checksummed, in ascending
 * numeric order, which is the list `announceFile` records and the contract checks. Chunk
 * owners and share holders are picked from it by index, so every party must use this order.
 * @throws DuplicateMemberError a member listed twice
 * @throws InvalidPlacementParameterError not an address; no member left after excluding
 */
export function placementCandidates({ members, exclude }: PlacementCandidatesParameters): string[] {
  const owner = normalizeAddress(exclude, "exclude");
  const candidates = sortedDistinctAddresses(members, "members").filter((member) => member !== owner);
  if (candidates.length === 0) {
    throw new InvalidPlacementParameterError({
      parameter: "members",
      expected: `at least one member other than ${owner}`,
      actual: "no other member",
    });
  }
  return candidates;
}
