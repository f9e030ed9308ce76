import { participantPaths } from "./participant-paths.js";
import type { ParticipantProfile } from "./participant-types.js";
import { readParticipantProfile } from "./read-participant-profile.js";
import { writeFileAtomic } from "./write-file-atomic.js";

export type UpdateParticipantProfileParameters = {
  name: string;
  home?: string | undefined;
  /** Public fields that may change after creation. */
  changes: Partial<Pick<ParticipantProfile, "multiaddrs" | "listenAddresses" | "infoServerUrl" | "displayName">>;
};

/** Rewrites the public profile.json (atomically) with updated endpoints. */
export async function updateParticipantProfile({ name, home, changes }: UpdateParticipantProfileParameters): Promise<ParticipantProfile> {
  const profile = { ...(await readParticipantProfile({ name, home })), ...changes };
  await writeFileAtomic({ path: participantPaths({ name, home }).profile, data: JSON.stringify(profile, null, 2) + "\n" });
  return profile;
}
