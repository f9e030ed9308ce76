import { keccak256 } from "ethers";
import { describeValue } from "../../describe-value.js";
import { InvalidKeyShareParameterError } from "./errors.js";

/** keccak256 of a share's exact bytes, 0x hex: the `shareHash` field of its Merkle leaf. */
export function shareHash(share: Uint8Array): string {
  if (!(share instanceof Uint8Array)) {
    throw new InvalidKeyShareParameterError({ parameter: "share", expected: "a Uint8Array", actual: describeValue(share) });
  }
  return keccak256(share);
}
