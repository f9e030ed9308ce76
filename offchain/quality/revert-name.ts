import type { Interface } from "ethers";

/** The custom error a contract call reverted with, whatever the provider: ethers' decoded
 * `revert`, the raw revert `data` decoded with `iface`, or Hardhat's message
 * ("reverted with custom error 'Name(…)'"). Undefined for anything else. */
export function revertName(error: unknown, iface: Interface): string | undefined {
  const e = error as { revert?: { name?: unknown }; data?: unknown; message?: unknown } | null;
  if (typeof e?.revert?.name === "string") return e.revert.name;
  if (typeof e?.data === "string" && e.data.length >= 10) {
    try {
      const parsed = iface.parseError(e.data);
      if (parsed !== null) return parsed.name;
    } catch {
      // not one of this contract's errors
    }
  }
  return typeof e?.message === "string" ? /custom error '([A-Za-z0-9_]+)\(/.exec(e.message)?.[1] : undefined;
}
