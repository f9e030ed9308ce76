import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { loadLibraries } from "./load-libraries.js";

/** What every read-only task needs: a connection to the task's network and the deployment on
 * that chain (no participant, no signer). Call `close()` when done. */
export async function openChainReader(hre: HardhatRuntimeEnvironment) {
  const { chain } = await loadLibraries(hre);
  const connection = await hre.network.create();
  const provider = connection.ethers.provider;
  const chainId = (await provider.getNetwork()).chainId;
  const deployment = await chain.loadDeployment({ chainId, projectRoot: hre.config.paths.root });
  return { chain, connection, provider, chainId, deployment, close: () => connection.close() };
}
