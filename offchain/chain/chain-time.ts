import type { Provider } from "ethers";

/**
 * The chain's clock: the latest block's timestamp, in unix seconds. Records whose times the
 * contracts check against `block.timestamp` (trace records, device submissions) take their
 * default time from here rather than from this machine's clock: every party then agrees on it,
 * it never runs ahead of the block that includes it, and it never goes backwards.
 */
export async function chainTime(provider: Pick<Provider, "getBlock">): Promise<number> {
  const block = await provider.getBlock("latest");
  if (block === null) throw new Error("chainTime: the node returned no latest block");
  return block.timestamp;
}
