/** Polls `eth_chainId` at `url` until it answers; returns the chain id. */
export async function waitForJsonRpc({ url, timeoutMs = 60_000, intervalMs = 200 }: { url: string; timeoutMs?: number; intervalMs?: number }): Promise<bigint> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        signal: AbortSignal.timeout(2_000),
      });
      const body = (await response.json()) as { result?: string };
      if (typeof body.result === "string") return BigInt(body.result);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`no JSON-RPC answer from ${url} within ${timeoutMs} ms`, { cause: lastError });
}
