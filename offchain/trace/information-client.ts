import { describeValue } from "../describe-value.js";
import { InformationServerResponseError, InformationServerUnreachableError, TraceParameterError } from "./errors.js";
import { traceDataHash } from "./trace-data.js";

const HASH = /^0x[0-9a-fA-F]{64}$/;
const MIB = 1024 * 1024;

export type PostTraceDataParameters = { url: string; token: string; bytes: Uint8Array; timeoutMs?: number };
export type FetchTraceDataParameters = { url: string; hash: string; timeoutMs?: number; /** default 1 MiB */ maxBytes?: number };
export type ListObjectTracesParameters = { url: string; objectId: string; timeoutMs?: number };

/** The server's base URL without trailing slashes; refuses what fetch could never reach. */
function baseOf(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new TraceParameterError({ name: "url", problem: `expected an http(s) base URL, got ${describeValue(url)}` });
  }
  return url.replace(/\/+$/, "");
}

function checkTimeout(timeoutMs: number): void {
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) throw new TraceParameterError({ name: "timeoutMs", problem: `expected a positive integer, got ${describeValue(timeoutMs)}` });
}

function checkId(value: string, name: string): string {
  if (typeof value !== "string" || !HASH.test(value)) throw new TraceParameterError({ name, problem: `expected 0x and 64 hex digits, got ${describeValue(value)}` });
  return value.toLowerCase();
}

/** One request: network failure or timeout → unreachable; non-2xx → response error with the server's message. */
async function request(url: string, init: RequestInit, timeoutMs: number, maxBytes: number): Promise<{ status: number; body: Uint8Array }> {
  let response: Response;
  let body: Uint8Array;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const declared = Number(response.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel();
      throw new InformationServerResponseError({ url, status: response.status, message: `answer of ${declared} bytes is larger than ${maxBytes} bytes` });
    }
    body = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof InformationServerResponseError) throw error;
    throw new InformationServerUnreachableError({ url }, { cause: error });
  }
  if (body.length > maxBytes) throw new InformationServerResponseError({ url, status: response.status, message: `answer larger than ${maxBytes} bytes` });
  if (response.status < 200 || response.status > 299) {
    let message = `${body.length} bytes`;
    try {
      const parsed = JSON.parse(new TextDecoder().decode(body)) as { error?: unknown };
      if (typeof parsed.error === "string") message = parsed.error;
    } catch {
      // not the server's JSON error: keep the size
    }
    throw new InformationServerResponseError({ url, status: response.status, message });
  }
  return { status: response.status, body };
}

function jsonOf(url: string, status: number, body: Uint8Array): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new InformationServerResponseError({ url, status, message: "answer is not a JSON object" });
}

/**
 * Stores trace-data bytes on an information server (`POST /traces`) and returns their hash.
 * The hash the server answers must be the keccak256 of these bytes, or it kept something else.
 */
export async function postTraceData({ url, token, bytes, timeoutMs = 5000 }: PostTraceDataParameters): Promise<string> {
  const target = `${baseOf(url)}/traces`;
  checkTimeout(timeoutMs);
  if (typeof token !== "string" || token === "") throw new TraceParameterError({ name: "token", problem: "expected the server's write token" });
  if (!(bytes instanceof Uint8Array)) throw new TraceParameterError({ name: "bytes", problem: `expected a Uint8Array, got ${describeValue(bytes)}` });
  const init: RequestInit = { method: "POST", body: bytes, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } };
  const { status, body } = await request(target, init, timeoutMs, MIB);
  const expected = traceDataHash(bytes);
  const answered = jsonOf(target, status, body).hash;
  if (answered !== expected) throw new InformationServerResponseError({ url: target, status, message: `answered hash ${describeValue(answered)}, but the bytes hash to ${expected}` });
  return expected;
}

/**
 * The bytes an information server keeps under `hash` (`GET /traces/<hash>`), as they are:
 * the caller compares their keccak256 with the on-chain hash (see queryCustody).
 */
export async function fetchTraceData({ url, hash, timeoutMs = 5000, maxBytes = MIB }: FetchTraceDataParameters): Promise<Uint8Array> {
  const target = `${baseOf(url)}/traces/${checkId(hash, "hash")}`;
  checkTimeout(timeoutMs);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new TraceParameterError({ name: "maxBytes", problem: `expected a positive integer, got ${describeValue(maxBytes)}` });
  return (await request(target, { method: "GET" }, timeoutMs, maxBytes)).body;
}

/** The hashes of the trace data a server keeps for one object, in the order they were posted (`GET /objects/<objectId>`). */
export async function listObjectTraces({ url, objectId, timeoutMs = 5000 }: ListObjectTracesParameters): Promise<string[]> {
  const target = `${baseOf(url)}/objects/${checkId(objectId, "objectId")}`;
  checkTimeout(timeoutMs);
  const { status, body } = await request(target, { method: "GET" }, timeoutMs, 16 * MIB);
  const traces = jsonOf(target, status, body).traces;
  if (!Array.isArray(traces) || !traces.every((entry) => typeof entry === "string" && HASH.test(entry))) {
    throw new InformationServerResponseError({ url: target, status, message: "traces is not an array of hashes" });
  }
  return traces.map((entry: string) => entry.toLowerCase());
}
