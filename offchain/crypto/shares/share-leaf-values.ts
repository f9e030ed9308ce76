import { getAddress } from "ethers";
import { MAX_SHARE_INDEX } from "./constants.js";
import { describeValue } from "../../describe-value.js";
import { InvalidKeyShareParameterError } from "./errors.js";
import type { ShareLeaf } from "./share-leaf.js";

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/** The tuple [fileId, index, holder, shareHash] to abi-encode, after checking each field. */
export type ShareLeafValues = [fileId: string, index: bigint, holder: string, shareHash: string];

export function assertBytes32(value: unknown, parameter: string): asserts value is string {
  if (typeof value !== "string" || !BYTES32.test(value)) {
    throw new InvalidKeyShareParameterError({
      parameter,
      expected: '"0x" followed by 64 hex digits (bytes32)',
      actual: describeValue(value),
    });
  }
}

export function shareLeafValues(leaf: ShareLeaf, parameter = "leaf"): ShareLeafValues {
  if (typeof leaf !== "object" || leaf === null) {
    throw new InvalidKeyShareParameterError({ parameter, expected: "a ShareLeaf object", actual: describeValue(leaf) });
  }
  assertBytes32(leaf.fileId, `${parameter}.fileId`);
  assertBytes32(leaf.shareHash, `${parameter}.shareHash`);
  if (typeof leaf.index !== "number" || !Number.isInteger(leaf.index) || leaf.index < 1 || leaf.index > MAX_SHARE_INDEX) {
    throw new InvalidKeyShareParameterError({
      parameter: `${parameter}.index`,
      expected: `a 1-based share index in [1, ${MAX_SHARE_INDEX}]`,
      actual: describeValue(leaf.index),
    });
  }
  let holder: string;
  try {
    holder = getAddress(leaf.holder);
  } catch {
    throw new InvalidKeyShareParameterError({
      parameter: `${parameter}.holder`,
      expected: "an Ethereum address",
      actual: describeValue(leaf.holder),
    });
  }
  return [leaf.fileId.toLowerCase(), BigInt(leaf.index), holder, leaf.shareHash.toLowerCase()];
}
