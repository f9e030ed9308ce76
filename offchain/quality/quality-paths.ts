import path from "node:path";

export type QualityPaths = {
  /** `<participant>/quality/keys/`: one sealed Paillier private key per published pair. */
  keys: string;
  /** `<participant>/quality/history.json`: the comparison results this participant learned. */
  history: string;
};

/** Where the quality part keeps a participant's files, under its directory. */
export function qualityPaths({ directory }: { directory: string }): QualityPaths {
  const root = path.join(directory, "quality");
  return { keys: path.join(root, "keys"), history: path.join(root, "history.json") };
}
