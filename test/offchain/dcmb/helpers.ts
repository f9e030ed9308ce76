import type { Argon2Params } from "../../../offchain/dcmb/index.js";

/** Small Argon2id parameters where speed matters (not for production). */
export const FAST: Argon2Params = { memoryKiB: 1024, iterations: 1, parallelism: 1 };
export const SENDER = "0x1111111111111111111111111111111111111111";
export const RECEIVER = "0x2222222222222222222222222222222222222222";

export async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<Error> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}
