import { id } from "ethers";

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/** A lot's on-chain id from what a user types: a 0x-prefixed 32-byte hex id as is, any other
 * text (a lot number such as "resin-2024-117") as keccak256 of its UTF-8 bytes. */
export function lotIdOf(lot: string): string {
  return BYTES32.test(lot) ? lot.toLowerCase() : id(lot);
}
