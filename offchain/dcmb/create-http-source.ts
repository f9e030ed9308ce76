import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { describeValue } from "../describe-value.js";
import { DcmbParameterError } from "./errors.js";
import { parseReadingTime } from "./parse-reading-time.js";
import { type DcmbReading, MAX_NAME_LENGTH, MAX_VALUE_LENGTH } from "./reading-data.js";
import type { DcmbReadingSource } from "./reading-source.js";

export type CreateHttpSourceParameters = {
  /** TCP port on 127.0.0.1; 0 or missing: any free port (see `url`). */
  port?: number;
  /** The reading name every posted reading gets. */
  name: string;
};

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_READINGS_PER_POST = 10_000;
/** Readings waiting for next(); a post beyond this gets 503. */
const MAX_PENDING = 100_000;

class BadRequest extends Error {}

function readingOf(entry: unknown, where: string, name: string): DcmbReading {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new BadRequest(`${where}: expected an object {value, time?}, got ${describeValue(entry)}`);
  const object = entry as Record<string, unknown>;
  const extra = Object.keys(object).filter((key) => key !== "value" && key !== "time");
  if (extra.length > 0) throw new BadRequest(`${where}: unexpected field(s) ${extra.join(", ")}`);
  const { value, time } = object;
  let text: string;
  if (typeof value === "number" && Number.isFinite(value)) text = String(value);
  else if (typeof value === "string" && value.trim() !== "" && value.length <= MAX_VALUE_LENGTH) text = value.trim();
  else throw new BadRequest(`${where}.value: expected a finite number or a string of 1–${MAX_VALUE_LENGTH} characters, got ${describeValue(value)}`);
  let ms: number | undefined = Date.now();
  if (time !== undefined) {
    ms = typeof time === "number" ? (Number.isSafeInteger(time) && time >= 0 ? time : undefined) : typeof time === "string" ? parseReadingTime(time) : undefined;
    if (ms === undefined) throw new BadRequest(`${where}.time: expected unix milliseconds or an ISO 8601 string, got ${describeValue(time)}`);
  }
  return { time: ms, name, value: text };
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    length += (chunk as Buffer).length;
    if (length > MAX_BODY_BYTES) throw new BadRequest(`body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function reply(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/**
 * An HTTP endpoint for readings, bound to 127.0.0.1 only (the machine and the module share a
 * host): `POST /readings` with JSON `{"value": 5367, "time"?: unix ms | ISO}` or an array of
 * them → 202 `{"accepted": n}`; a bad body → 400 `{"error": "…"}` and nothing of it is kept;
 * `GET /health` → 200 `{"ok": true, "pending": n}`. `next()` hands over what was posted since.
 */
export async function createHttpSource({ port = 0, name }: CreateHttpSourceParameters): Promise<DcmbReadingSource & { url: string }> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DcmbParameterError({ name: "port", problem: `expected 0..65535, got ${describeValue(port)}` });
  if (typeof name !== "string" || name === "" || name.length > MAX_NAME_LENGTH) throw new DcmbParameterError({ name: "name", problem: `expected 1–${MAX_NAME_LENGTH} characters, got ${describeValue(name)}` });
  let pending: DcmbReading[] = [];
  const server = createServer((request, response) => {
    const route = (request.url ?? "").split("?")[0];
    if (route === "/health") {
      if (request.method !== "GET") return reply(response, 405, { error: "use GET /health" });
      return reply(response, 200, { ok: true, pending: pending.length });
    }
    if (route !== "/readings") return reply(response, 404, { error: "not found: POST /readings or GET /health" });
    if (request.method !== "POST") return reply(response, 405, { error: "use POST /readings" });
    bodyOf(request)
      .then((text) => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw new BadRequest("body is not JSON");
        }
        const entries = Array.isArray(body) ? body : [body];
        if (entries.length === 0 || entries.length > MAX_READINGS_PER_POST) throw new BadRequest(`expected 1..${MAX_READINGS_PER_POST} readings`);
        const readings = entries.map((entry, i) => readingOf(entry, Array.isArray(body) ? `[${i}]` : "reading", name));
        if (pending.length + readings.length > MAX_PENDING) return reply(response, 503, { error: `${pending.length} readings not yet taken; try later` });
        pending.push(...readings);
        reply(response, 202, { accepted: readings.length });
      })
      .catch((error: unknown) => {
        if (error instanceof BadRequest) reply(response, 400, { error: error.message });
        else reply(response, 500, { error: "internal error" });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    description: `${url}/readings (HTTP, ${name})`,
    url,
    async next() {
      const taken = pending;
      pending = [];
      return taken;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
