import path from "node:path";

import { assertParticipantName } from "./participant-name.js";
import { resolveSealedChainHome } from "./sealedchain-home.js";

export type ParticipantPathsParameters = {
  name: string;
  home?: string | undefined;
};

export type ParticipantPaths = {
  directory: string;
  wallet: string;
  secrets: string;
  profile: string;
  policy: string;
  ipfs: string;
  agent: string;
  cursor: string;
};

/** The files of participant `name` under `<home>/participants/<name>/`. */
export function participantPaths({ name, home }: ParticipantPathsParameters): ParticipantPaths {
  assertParticipantName(name);
  const directory = path.join(resolveSealedChainHome({ home }), "participants", name);
  return {
    directory,
    wallet: path.join(directory, "wallet.json"),
    secrets: path.join(directory, "secrets.json"),
    profile: path.join(directory, "profile.json"),
    policy: path.join(directory, "policy.json"),
    ipfs: path.join(directory, "ipfs"),
    agent: path.join(directory, "agent"),
    cursor: path.join(directory, "agent", "cursor.json"),
  };
}
