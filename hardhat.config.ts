import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import hardhatToolboxMochaEthersPlugin from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

import { sealedChainTasks } from "./tasks/index.js";

// solc cannot be downloaded here: compile with the npm `solc` wasm build, whose
// version must equal `version` below (Hardhat needs an absolute path).
const require = createRequire(import.meta.url);
const soljson = require.resolve("solc/soljson.js");
const compiler = {
  version: "0.8.28",
  path: soljson,
  settings: { evmVersion: "cancun", optimizer: { enabled: true, runs: 200 } },
};

/**
 * The wasm solc fails ("memory access out of bounds", HHE908) when one job holds every
 * contract and every Solidity test of a fresh checkout: past ~40 root files the job is too big
 * for it. Hardhat gives a file with an override a job of its own, so each Solidity test file
 * (with forge-std) compiles alone (~15 s each on a fresh checkout, cached after that) and the
 * contracts compile together in one job.
 */
function withTestJobs(config: typeof compiler) {
  const root = path.join(import.meta.dirname, "test", "contracts");
  const overrides: Record<string, typeof compiler> = {};
  for (const folder of readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const file of readdirSync(path.join(root, folder.name)).filter((name) => name.endsWith(".sol"))) overrides[`test/contracts/${folder.name}/${file}`] = { ...config };
  }
  return { compilers: [config], overrides };
}

export default defineConfig({
  plugins: [hardhatToolboxMochaEthersPlugin],
  tasks: sealedChainTasks,
  solidity: { profiles: { default: withTestJobs(compiler), production: withTestJobs(compiler) } },
  networks: {
    // `npm run devnet` (hardhat node); `devnet --port P` prints the export for another port.
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env["SEALEDCHAIN_RPC_URL"] || "http://127.0.0.1:8545", // unset or empty: 8545
    },
    // A permissioned Hyperledger Besu (QBFT) network; nothing here is committed.
    besu: {
      type: "http",
      chainType: "l1",
      url: configVariable("BESU_RPC_URL"),
      chainId: Number(process.env.BESU_CHAIN_ID ?? "1337"),
      accounts: [configVariable("BESU_DEPLOYER_KEY")],
    },
  },
});
