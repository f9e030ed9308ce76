import { createServer } from "node:net";

import { TaskInputError } from "./errors.js";

/** Throws a clear error if nothing can listen on host:port (e.g. another `hardhat node`). */
export async function assertPortFree({ port, host = "127.0.0.1" }: { port: number; host?: string }): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new TaskInputError("PORT_TAKEN", `port ${port} on ${host} is already in use (another \`hardhat node\` or devnet?); stop it or pass --port`)
          : error,
      );
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** A port the OS says is free right now on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
