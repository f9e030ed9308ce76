import { getAddress } from "ethers";
import { describeValue } from "../../describe-value.js";
import { DuplicateMemberError, InvalidPlacementParameterError } from "./errors.js";

/** One address, checksummed (EIP-55). */
export function normalizeAddress(value: unknown, parameter: string): string {
  if (typeof value !== "string") {
    throw new InvalidPlacementParameterError({ parameter, expected: "an Ethereum address", actual: describeValue(value) });
  }
  try {
    return getAddress(value);
  } catch {
    throw new InvalidPlacementParameterError({ parameter, expected: "an Ethereum address", actual: describeValue(value) });
  }
}

/**
 * Checksummed addresses in ascending numeric order (the order ITorrentLedger checks for the
 * placement list), refusing an empty list and duplicates.
 */
export function sortedDistinctAddresses(values: unknown, parameter: string): string[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new InvalidPlacementParameterError({ parameter, expected: "a non-empty array of addresses", actual: describeValue(values) });
  }
  const addresses = values.map((value, position) => normalizeAddress(value, `${parameter}[${position}]`));
  const sorted = addresses
    .map((address) => ({ address, value: BigInt(address) }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.value === sorted[i - 1]?.value) {
      throw new DuplicateMemberError({ parameter, member: sorted[i]?.address ?? "" });
    }
  }
  return sorted.map(({ address }) => address);
}
