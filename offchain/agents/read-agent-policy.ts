import { readFile } from "node:fs/promises";

import { getAddress } from "ethers";

import { PolicyFileError } from "./errors.js";

export const POLICY_DECISIONS = ["approve-all", "reject-all", "manual"] as const;
export type PolicyDecision = (typeof POLICY_DECISIONS)[number];

/** `<participant>/policy.json`. Missing file = everything manual (the agent only logs). */
export type AgentPolicy = {
  /** How to vote on proposals to admit a member. */
  admission: PolicyDecision;
  /** Candidates always voted FOR, whatever `admission` says. */
  allowlist: string[];
  /** How to vote on removals and role grants/revocations; default manual. */
  membershipChanges: PolicyDecision;
};

export const DEFAULT_POLICY: AgentPolicy = { admission: "manual", allowlist: [], membershipChanges: "manual" };

/** Reads and validates a policy file; a missing file yields {@link DEFAULT_POLICY}. */
export async function readAgentPolicy({ file }: { file: string }): Promise<AgentPolicy> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ...DEFAULT_POLICY, allowlist: [] };
    throw error;
  }
  let raw: Partial<Record<keyof AgentPolicy, unknown>>;
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch (error) {
    throw new PolicyFileError({ file, problem: "not valid JSON" }, { cause: error });
  }
  const decision = (field: "admission" | "membershipChanges"): PolicyDecision => {
    const value = raw[field] ?? "manual";
    if (!(POLICY_DECISIONS as readonly unknown[]).includes(value)) {
      throw new PolicyFileError({ file, problem: `${field} must be one of ${POLICY_DECISIONS.join(", ")}, got ${JSON.stringify(value)}` });
    }
    return value as PolicyDecision;
  };
  const allowlist = raw.allowlist ?? [];
  if (!Array.isArray(allowlist)) throw new PolicyFileError({ file, problem: "allowlist must be an array of addresses" });
  return {
    admission: decision("admission"),
    membershipChanges: decision("membershipChanges"),
    allowlist: allowlist.map((entry) => {
      try {
        return getAddress(String(entry));
      } catch (error) {
        throw new PolicyFileError({ file, problem: `allowlist entry ${JSON.stringify(entry)} is not an address` }, { cause: error });
      }
    }),
  };
}
