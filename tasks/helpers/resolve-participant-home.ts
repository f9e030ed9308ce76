import { existsSync } from "node:fs";
import path from "node:path";

import { participantPaths } from "../../offchain/chain/participant-paths.js";
import { resolveSealedChainHome as resolveHome } from "../../offchain/chain/sealedchain-home.js";

export type ResolveParticipantHomeParameters = {
  name: string;
  /** --home; undefined or "" when not given. */
  home: string | undefined;
  projectRoot: string;
};

/**
 * The home holding participant `name`: --home, else the SealedChain home ($SEALEDCHAIN_HOME,
 * else `<project>/.sealedchain`) if the participant is there, else `<that home>/devnet`
 * (where the devnet puts its demo participants) if it is there, else the SealedChain home
 * (whose error then names the expected folder).
 */
export function resolveParticipantHome({ name, home, projectRoot }: ResolveParticipantHomeParameters): string {
  if (home !== undefined && home !== "") return path.resolve(home);
  const standard = resolveHome({ projectRoot });
  const devnet = path.join(standard, "devnet");
  if (!existsSync(participantPaths({ name, home: standard }).profile) && existsSync(participantPaths({ name, home: devnet }).profile)) {
    return devnet;
  }
  return standard;
}
