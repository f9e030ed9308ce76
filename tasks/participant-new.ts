import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { loadLibraries } from "./helpers/load-libraries.js";
import { requireOption } from "./helpers/require-option.js";

export type ParticipantNewArguments = { name: string | undefined; home: string | undefined; listen: string; infoServerUrl: string | undefined; displayName: string | undefined };

/** `participant:new`: creates a participant folder with fresh keys (ethers' default scrypt). */
export default explainErrors(async function participantNew(args: ParticipantNewArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("name", args.name, "the participant's name, [a-z0-9-]{1,32}");
  const { chain } = await loadLibraries(hre); // builds first: a fresh clone has no typechain types
  try {
    chain.assertParticipantName(name);
  } catch (error) {
    throw new InvalidOptionError({ option: "name", expected: "1-32 characters from [a-z0-9-]", got: name }, { cause: error });
  }
  const password = chain.readParticipantPassword({ name });
  const home = chain.resolveSealedChainHome({ home: args.home, projectRoot: hre.config.paths.root });
  const listenAddresses = args.listen.split(",").map((a) => a.trim()).filter((a) => a !== "");
  const { directory, profile } = await chain.createParticipant({
    name,
    home,
    password,
    listenAddresses,
    infoServerUrl: args.infoServerUrl ?? "",
    ...(args.displayName === undefined ? {} : { displayName: args.displayName }),
  });
  console.log(`created participant '${name}' in ${directory}`);
  console.log(`  organisation name:     ${profile.displayName}`);
  console.log(`  address:               ${profile.address}`);
  console.log(`  encryption public key: ${profile.encryptionPublicKey}`);
  console.log(`  peer id:               ${profile.peerId}`);
  console.log(`  listens on:            ${profile.listenAddresses.join(", ")}`);
  console.log(`keys are encrypted with the password from the environment; back up ${directory}/wallet.json and secrets.json`);
});
