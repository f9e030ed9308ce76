import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import runAgent, { type AgentArguments } from "../agent.js";
import { InvalidOptionError } from "./errors.js";
import { loadLibraries } from "./load-libraries.js";
import { requireOption } from "./require-option.js";
import { resolveParticipantHome } from "./resolve-participant-home.js";

/**
 * `dcmb:sender` / `dcmb:receiver`: the participant's agent with its DCMB role, after checking
 * that its dcmb.json names that role. The module refuses to start unless its artifact is
 * certified on chain (see openDcmbModule).
 */
export async function runDcmbRole(role: "sender" | "receiver", args: Omit<AgentArguments, "noStorage">, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, `the ${role === "sender" ? "machine owner (sender)" : "receiver"} whose module to run`);
  const { chain } = await loadLibraries(hre);
  const { readDcmbConfig } = await import("../../offchain/dcmb/module/index.js");
  const home = resolveParticipantHome({ name, home: args.home, projectRoot: hre.config.paths.root });
  const directory = chain.participantPaths({ name, home }).directory;
  const config = await readDcmbConfig(`${directory}/dcmb.json`).catch((error: unknown) => {
    throw new InvalidOptionError({ option: "participant", expected: `a participant with a dcmb.json (role "${role}")`, got: error instanceof Error ? error.message : String(error) });
  });
  if (config.role !== role) throw new InvalidOptionError({ option: "participant", expected: `a dcmb.json with role "${role}"`, got: `role "${config.role}" in ${directory}/dcmb.json` });
  await runAgent({ ...args, noStorage: false }, hre);
}
