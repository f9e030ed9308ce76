/** The error a promise (or a function, sync or async) rejects with; fails when it resolves.
 * For asserting on the error's class and message rather than only that it failed. */
export async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<Error> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}
