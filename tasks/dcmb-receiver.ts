import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { AgentArguments } from "./agent.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { runDcmbRole } from "./helpers/run-dcmb-role.js";

/** `dcmb:receiver`: the receiver's DCMB module (its agent with the receiver role of its dcmb.json). */
export default explainErrors((args: Omit<AgentArguments, "noStorage">, hre: HardhatRuntimeEnvironment) => runDcmbRole("receiver", args, hre));
