import { InvalidParticipantNameError } from "./errors.js";

const PARTICIPANT_NAME = /^[a-z0-9-]{1,32}$/;

/** Throws {@link InvalidParticipantNameError} unless `name` is 1-32 characters of [a-z0-9-].
 * Names become folder names and environment-variable suffixes, hence the narrow alphabet. */
export function assertParticipantName(name: string): void {
  if (typeof name !== "string" || !PARTICIPANT_NAME.test(name)) {
    throw new InvalidParticipantNameError({ name: String(name) });
  }
}
