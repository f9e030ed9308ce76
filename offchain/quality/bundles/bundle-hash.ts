import { keccak256 } from "ethers";

/** keccak256 of the exact bundle bytes, 0x-prefixed lowercase hex: the value recorded on chain. */
export function bundleHash(bytes: Uint8Array): string {
  return keccak256(bytes);
}
