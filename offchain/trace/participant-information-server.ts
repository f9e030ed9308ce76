import { randomBytes } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";

import { writeFileAtomic } from "../chain/index.js";
import { TraceFormatError } from "./errors.js";
import { startInformationServer } from "./information-server.js";

/** Where a participant's information server keeps its data and its settings. */
export function informationServerPaths(participantDirectory: string) {
  const directory = path.join(participantDirectory, "trace");
  return { directory, data: path.join(directory, "information-server"), settings: path.join(directory, "information-server.json") };
}

type Settings = { port: number; token: string };

/** The server's port and write token, created on first use (port 0 until the first start
 * picks one). The port then stays the same across restarts, because the records already on
 * chain name this URL. The file holds the write token: mode 0600. */
export async function readInformationServerSettings(participantDirectory: string): Promise<Settings> {
  const { settings } = informationServerPaths(participantDirectory);
  let text: string;
  try {
    text = await readFile(settings, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const fresh: Settings = { port: 0, token: randomBytes(32).toString("hex") };
    await mkdir(path.dirname(settings), { recursive: true, mode: 0o700 });
    await writeFileAtomic({ path: settings, data: JSON.stringify(fresh, null, 2), mode: 0o600 });
    return fresh;
  }
  const parsed = JSON.parse(text) as Partial<Settings>;
  if (!Number.isInteger(parsed.port) || (parsed.port as number) < 0 || (parsed.port as number) > 65_535 || typeof parsed.token !== "string" || !/^[0-9a-f]{64}$/.test(parsed.token)) {
    throw new TraceFormatError({ what: settings, problem: "expected { port: 0..65535, token: 64 hex digits }" });
  }
  return parsed as Settings;
}

/** Starts the participant's information server on 127.0.0.1 at its settled port (choosing
 * and saving one on the first start). */
export async function startParticipantInformationServer({ participantDirectory, log }: { participantDirectory: string; log?: (line: string) => void }) {
  const paths = informationServerPaths(participantDirectory);
  const settings = await readInformationServerSettings(participantDirectory);
  const server = await startInformationServer({ directory: paths.data, writeToken: settings.token, port: settings.port, ...(log === undefined ? {} : { log }) });
  if (settings.port === 0) {
    await writeFileAtomic({ path: paths.settings, data: JSON.stringify({ ...settings, port: server.port }, null, 2), mode: 0o600 });
  }
  return { ...server, token: settings.token };
}

/**
 * For a task: the participant's information server as its agent runs it (found by a health
 * check on the settled port), else one started here on the same port and folder, closed by
 * `close()`. Either way posts land in the same place and the URL on chain stays the same.
 */
export async function reachParticipantInformationServer({ participantDirectory }: { participantDirectory: string }) {
  const settings = await readInformationServerSettings(participantDirectory);
  if (settings.port !== 0) {
    const url = `http://127.0.0.1:${settings.port}`;
    const running = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (running) return { url, token: settings.token, close: async () => {} };
  }
  const server = await startParticipantInformationServer({ participantDirectory });
  return { url: server.url, token: server.token, close: () => server.close() };
}
