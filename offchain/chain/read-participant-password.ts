import { MissingPasswordError } from "./errors.js";
import { assertParticipantName } from "./participant-name.js";

export type ReadParticipantPasswordParameters = {
  name: string;
  env?: NodeJS.ProcessEnv;
};

/** The environment variable holding `name`'s own password: SEALEDCHAIN_PASSWORD_<NAME>
 * with the name upper-cased and `-` turned into `_`. */
export function participantPasswordVariable(name: string): string {
  assertParticipantName(name);
  return `SEALEDCHAIN_PASSWORD_${name.toUpperCase().replaceAll("-", "_")}`;
}

/** Reads the participant's password from SEALEDCHAIN_PASSWORD_<NAME>, falling back to
 * SEALEDCHAIN_PASSWORD. Never logs it. */
export function readParticipantPassword({
  name,
  env = process.env,
}: ReadParticipantPasswordParameters): string {
  const own = participantPasswordVariable(name);
  const value = env[own] ?? env["SEALEDCHAIN_PASSWORD"];
  if (value === undefined || value === "") {
    throw new MissingPasswordError({ name, variables: [own, "SEALEDCHAIN_PASSWORD"] });
  }
  return value;
}
