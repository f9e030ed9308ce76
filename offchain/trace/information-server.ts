import { createHash, timingSafeEqual } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import { type AddressInfo, isIP } from "node:net";
import path from "node:path";

import { writeFileAtomic } from "../chain/write-file-atomic.js";
import { describeValue } from "../describe-value.js";
import { TraceError, TraceParameterError } from "./errors.js";
import { parseTraceData, traceDataHash } from "./trace-data.js";

export type StartInformationServerParameters = {
  /** Where the data lives: `traces/<hash>.json` (exact bytes) and `objects/<objectId>.json` (hash list). */
  directory: string;
  /** `POST /traces` needs `Authorization: Bearer <writeToken>` (at least 16 characters). */
  writeToken: string;
  /** Default 127.0.0.1. Anything but a loopback address needs `allowPublic: true`. */
  host?: string;
  /** Default 0: any free port (see `port` and `url` of the result). */
  port?: number;
  /** Largest accepted POST body; default 1 MiB. */
  maxBodyBytes?: number;
  /** Reads are open to anyone who can connect: binding beyond loopback must be asked for. */
  allowPublic?: boolean;
  /** One line per write and per failure. */
  log?: (line: string) => void;
};

export type InformationServer = {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123 (what goes on chain as infoServer). */
  url: string;
  port: number;
  close(): Promise<void>;
};

const MIB = 1024 * 1024;
const HASH = /^0x[0-9a-fA-F]{64}$/;
/** After this much more than maxBodyBytes the connection is cut instead of drained. */
const MAX_DRAIN_BYTES = 16 * MIB;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function isLoopbackAddress(host: string): boolean {
  const family = isIP(host);
  if (family === 4) return host.startsWith("127.");
  if (family === 6) {
    const lower = host.toLowerCase();
    return lower === "::1" || lower === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(lower);
  }
  return false;
}

function reply(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** SHA-256 first so that timingSafeEqual gets equal lengths and the token length does not leak. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The body, or HttpError 413 once it is over `max` (the rest is drained so the client reads the answer). */
async function bodyOf(request: IncomingMessage, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > max + MAX_DRAIN_BYTES) {
    request.socket.destroySoon();
    throw new HttpError(413, `body of ${declared} bytes is larger than ${max} bytes`);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    length += (chunk as Buffer).length;
    if (length > max + MAX_DRAIN_BYTES) {
      request.destroy();
      break;
    }
    if (length <= max) chunks.push(chunk as Buffer);
  }
  if (length > max) throw new HttpError(413, `body larger than ${max} bytes`);
  return Buffer.concat(chunks);
}

/**
 * Starts a member's information server (D3.6 I.1.3): it keeps the exact bytes of the
 * traceability data whose keccak256 the ledger holds.
 *
 * - `POST /traces` (Bearer writeToken; body = trace-data bytes, checked by parseTraceData)
 *   → 201 `{hash, objectId}` when new, 200 with the same body when these bytes were already kept.
 * - `GET /traces/<hash>` → the exact stored bytes; `GET /objects/<objectId>` → `{objectId, traces}`;
 *   `GET /health` → `{ok: true}`. Errors are `{error}` with 400/401/404/405/413/500.
 *
 * Stored bytes are not re-verified on GET: clients compare them with the on-chain hash.
 */
export async function startInformationServer({
  directory,
  writeToken,
  host = "127.0.0.1",
  port = 0,
  maxBodyBytes = MIB,
  allowPublic = false,
  log,
}: StartInformationServerParameters): Promise<InformationServer> {
  if (typeof directory !== "string" || directory === "") throw new TraceParameterError({ name: "directory", problem: `expected a path, got ${describeValue(directory)}` });
  if (typeof writeToken !== "string" || writeToken.length < 16 || writeToken.length > 1024) {
    throw new TraceParameterError({ name: "writeToken", problem: `expected 16..1024 characters, got ${typeof writeToken === "string" ? `${writeToken.length} characters` : describeValue(writeToken)}` });
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TraceParameterError({ name: "port", problem: `expected 0..65535, got ${describeValue(port)}` });
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) throw new TraceParameterError({ name: "maxBodyBytes", problem: `expected a positive integer, got ${describeValue(maxBodyBytes)}` });
  if (typeof host !== "string" || host === "") throw new TraceParameterError({ name: "host", problem: `expected a host, got ${describeValue(host)}` });
  if (!allowPublic && !isLoopbackAddress(host) && host !== "localhost") {
    throw new TraceParameterError({ name: "host", problem: `${host} is not a loopback address; reads are open to anyone who can connect, so pass allowPublic: true to serve beyond this machine` });
  }

  const tracesDirectory = path.join(directory, "traces");
  const objectsDirectory = path.join(directory, "objects");
  await mkdir(tracesDirectory, { recursive: true });
  await mkdir(objectsDirectory, { recursive: true });
  const tracePath = (hash: string) => path.join(tracesDirectory, `${hash}.json`);
  const objectPath = (objectId: string) => path.join(objectsDirectory, `${objectId}.json`);

  const readIfExists = async (file: string): Promise<Buffer | undefined> => {
    try {
      return await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  };
  const readObjectIndex = async (objectId: string): Promise<string[] | undefined> => {
    const bytes = await readIfExists(objectPath(objectId));
    if (bytes === undefined) return undefined;
    const list: unknown = JSON.parse(bytes.toString("utf8"));
    if (!Array.isArray(list) || !list.every((entry) => typeof entry === "string" && HASH.test(entry))) {
      throw new TraceError("TRACE_SERVER_STORE", `${objectPath(objectId)} is not a JSON array of hashes`);
    }
    return list;
  };

  // Index updates of one object are read-modify-write: one at a time per object.
  const objectQueues = new Map<string, Promise<unknown>>();
  const serialized = <T>(objectId: string, task: () => Promise<T>): Promise<T> => {
    const previous = objectQueues.get(objectId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    objectQueues.set(objectId, settled);
    void settled.then(() => {
      if (objectQueues.get(objectId) === settled) objectQueues.delete(objectId);
    });
    return next;
  };

  const postTrace = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const authorization = request.headers.authorization ?? "";
    const bearer = /^Bearer (.+)$/.exec(authorization)?.[1] ?? "";
    if (!sameToken(bearer, writeToken)) {
      request.resume();
      return reply(response, 401, { error: "POST /traces needs Authorization: Bearer <write token>" }, { "www-authenticate": "Bearer" });
    }
    const bytes = await bodyOf(request, maxBodyBytes);
    let objectId: string;
    try {
      objectId = parseTraceData(bytes).objectId;
    } catch (error) {
      throw new HttpError(400, (error as Error).message);
    }
    const hash = traceDataHash(bytes);
    const created = await serialized(objectId, async () => {
      const kept = await readIfExists(tracePath(hash));
      const keptSame = kept !== undefined && Buffer.compare(kept, bytes) === 0;
      if (!keptSame) await writeFileAtomic({ path: tracePath(hash), data: bytes });
      const index = (await readObjectIndex(objectId)) ?? [];
      const listed = index.includes(hash);
      if (!listed) await writeFileAtomic({ path: objectPath(objectId), data: JSON.stringify([...index, hash]) });
      return !keptSame || !listed;
    });
    log?.(`information server: ${created ? "stored" : "already had"} ${hash} for ${objectId}`);
    reply(response, created ? 201 : 200, { hash, objectId });
  };

  const getTrace = async (hash: string, response: ServerResponse): Promise<void> => {
    const bytes = await readIfExists(tracePath(hash));
    if (bytes === undefined) throw new HttpError(404, `no trace data ${hash}`);
    response.writeHead(200, { "content-type": "application/json", "content-length": String(bytes.length) }).end(bytes);
  };

  const getObject = async (objectId: string, response: ServerResponse): Promise<void> => {
    const traces = await readObjectIndex(objectId);
    if (traces === undefined || traces.length === 0) throw new HttpError(404, `no trace data for object ${objectId}`);
    reply(response, 200, { objectId, traces });
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const pathname = (request.url ?? "").split("?")[0] ?? "";
    const method = request.method ?? "";
    const only = (allowed: string) => {
      if (method !== allowed) throw new HttpError(405, `use ${allowed} ${pathname}`);
    };
    const idOf = (text: string, what: string) => {
      const id = decodeURIComponent(text);
      if (!HASH.test(id)) throw new HttpError(400, `${what}: expected 0x and 64 hex digits, got ${describeValue(id)}`);
      return id.toLowerCase();
    };
    if (pathname === "/health") {
      only("GET");
      return reply(response, 200, { ok: true });
    }
    if (pathname === "/traces") {
      only("POST");
      return postTrace(request, response);
    }
    const trace = /^\/traces\/([^/]*)$/.exec(pathname);
    if (trace !== null) {
      only("GET");
      return getTrace(idOf(trace[1]!, "hash"), response);
    }
    const object = /^\/objects\/([^/]*)$/.exec(pathname);
    if (object !== null) {
      only("GET");
      return getObject(idOf(object[1]!, "objectId"), response);
    }
    throw new HttpError(404, `not found: ${pathname} (POST /traces, GET /traces/<hash>, GET /objects/<objectId>, GET /health)`);
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      if (!request.complete) request.resume(); // drain so the client reads the answer
      if (error instanceof HttpError) return reply(response, error.status, { error: error.message });
      if (error instanceof URIError) return reply(response, 400, { error: "malformed percent-encoding in the path" });
      log?.(`information server: ${request.method} ${request.url} failed: ${(error as Error).message}`);
      reply(response, 500, { error: "internal error" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  if (!allowPublic && !isLoopbackAddress(address.address)) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw new TraceParameterError({ name: "host", problem: `${host} bound to ${address.address}, which is not a loopback address; pass allowPublic: true to serve beyond this machine` });
  }
  const urlHost = isIP(address.address) === 6 ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  log?.(`information server: listening on ${url}, data in ${directory}`);
  return {
    url,
    port: address.port,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
