import path from "node:path";

/** The exchange part's files under a participant's folder. */
export function exchangePaths(participantDirectory: string) {
  const directory = path.join(participantDirectory, "exchange");
  return {
    directory,
    /** Sealed data keys of the entries it submitted or bought. */
    keys: path.join(directory, "keys"),
    /** Data it bought, as checked against the fingerprint. */
    received: path.join(directory, "received"),
    /** Keyfiles of its devices (one per device name). */
    devices: path.join(participantDirectory, "devices"),
  };
}
