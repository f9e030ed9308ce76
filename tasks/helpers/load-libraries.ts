import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

/**
 * Compiles the contracts (quietly; a no-op when nothing changed) so the typechain factories
 * in types/ethers-contracts exist, then imports the offchain libraries that use them.
 * Task action files import these dynamically, after this, rather than at the top.
 */
export async function loadLibraries(hre: HardhatRuntimeEnvironment) {
  // The devnet builds once and sets this for its agent processes, which would otherwise
  // race each other writing artifacts/.
  if (process.env["SEALEDCHAIN_SKIP_BUILD"] !== "1") {
    await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
  }
  const [chain, agents] = await Promise.all([
    import("../../offchain/chain/index.js"),
    import("../../offchain/agents/index.js"),
  ]);
  return { chain, agents };
}
