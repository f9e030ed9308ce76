import path from "node:path";

export type ResolveSealedChainHomeParameters = {
  /** Explicit home; wins over everything. */
  home?: string | undefined;
  /** Project root used for the default `<project>/.sealedchain`; defaults to the cwd. */
  projectRoot?: string | undefined;
  env?: NodeJS.ProcessEnv;
};

/** Where participants live: `home`, else $SEALEDCHAIN_HOME, else `<project>/.sealedchain`. */
export function resolveSealedChainHome({
  home,
  projectRoot,
  env = process.env,
}: ResolveSealedChainHomeParameters = {}): string {
  if (home !== undefined && home !== "") return path.resolve(home);
  const fromEnv = env["SEALEDCHAIN_HOME"];
  if (fromEnv !== undefined && fromEnv !== "") return path.resolve(fromEnv);
  return path.resolve(projectRoot ?? process.cwd(), ".sealedchain");
}
