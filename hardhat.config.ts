import { createRequire } from "node:module";
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

export default defineConfig({
  plugins: [hardhatToolboxMochaEthersPlugin],
  tasks: sealedChainTasks,
  solidity: { profiles: { default: compiler, production: compiler } },
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
