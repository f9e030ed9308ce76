import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** libp2p writes a peer record ~1 s after stop(); deleting earlier races with it. */
export const PEER_RECORD_WRITE_DELAY_MS = 1_200;

export async function makeTempDirectory(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `sealedchain-${label}-`));
}

export async function removeDirectoriesAfterStop(directories: string[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, PEER_RECORD_WRITE_DELAY_MS));
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true, maxRetries: 3 })));
}

/** A TCP port on 127.0.0.1 that was free a moment ago and has nothing listening now. */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export function randomContent(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65_536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65_536)));
  }
  return bytes;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Awaits `promise`, asserts it rejects with `errorClass` (and a message matching `pattern`), returns the error. */
export async function rejects<E extends Error>(
  promise: Promise<unknown>,
  errorClass: abstract new (...args: never[]) => E,
  pattern?: RegExp | string,
): Promise<E> {
  let outcome: unknown;
  try {
    await promise;
  } catch (error) {
    outcome = error;
  }
  if (!(outcome instanceof errorClass)) {
    const got = outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : "no error";
    throw new Error(`expected ${errorClass.name}, got ${got}`, { cause: outcome });
  }
  if (pattern !== undefined) {
    const matches = typeof pattern === "string" ? outcome.message.includes(pattern) : pattern.test(outcome.message);
    if (!matches) throw new Error(`expected message matching ${String(pattern)}, got ${JSON.stringify(outcome.message)}`);
  }
  return outcome;
}
