import { readFile } from "node:fs/promises";

import { getAddress, getBytes, isHexString } from "ethers";

import { CorruptParticipantFileError, ParticipantNotFoundError } from "./errors.js";
import { participantPaths } from "./participant-paths.js";
import type { ParticipantProfile } from "./participant-types.js";

export type ReadParticipantProfileParameters = {
  name: string;
  home?: string | undefined;
};

/** Reads and checks a participant's public profile.json (no password needed). */
export async function readParticipantProfile({
  name,
  home,
}: ReadParticipantProfileParameters): Promise<ParticipantProfile> {
  const paths = participantPaths({ name, home });
  let text: string;
  try {
    text = await readFile(paths.profile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new ParticipantNotFoundError({ name, directory: paths.directory });
    }
    throw error;
  }
  const bad = (problem: string, cause?: unknown): never => {
    throw new CorruptParticipantFileError({ file: paths.profile, problem }, { cause });
  };
  let profile: ParticipantProfile;
  try {
    profile = JSON.parse(text) as ParticipantProfile;
  } catch (error) {
    return bad("not valid JSON", error);
  }
  if (profile.version !== 1) bad(`expected version 1, got ${JSON.stringify(profile.version)}`);
  if (profile.name !== name) bad(`name is ${JSON.stringify(profile.name)}, expected ${JSON.stringify(name)}`);
  try {
    profile.address = getAddress(profile.address);
  } catch (error) {
    bad(`address ${JSON.stringify(profile.address)} is not an address`, error);
  }
  if (!isHexString(profile.encryptionPublicKey, 33) || ![2, 3].includes(getBytes(profile.encryptionPublicKey)[0]!)) {
    bad("encryptionPublicKey must be a 33-byte compressed secp256k1 key (0x02/0x03…)");
  }
  if (typeof profile.peerId !== "string" || profile.peerId.length === 0) bad("peerId missing");
  profile.listenAddresses ??= [];
  profile.multiaddrs ??= [];
  profile.infoServerUrl ??= "";
  if (typeof profile.displayName !== "string" || profile.displayName.trim() === "") profile.displayName = profile.name;
  return profile;
}
