import { id } from "ethers";

/** The consortium roles, whose on-chain ids are keccak256 of the name (ConsortiumRegistry). */
export const ROLE_NAMES = ["MEMBER", "SERVICER", "AUDITOR", "REGULATOR", "VALIDATOR", "MPC", "ARBITER"] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** keccak256(name) for a role name (case-insensitive); throws naming the valid ones. */
export function roleIdOf(name: string): string {
  const upper = name.trim().toUpperCase();
  if (!(ROLE_NAMES as readonly string[]).includes(upper)) {
    throw new RangeError(`unknown role ${JSON.stringify(name)}: expected one of ${ROLE_NAMES.join(", ")}`);
  }
  return id(upper);
}

/** The role name for an on-chain role id, or the id itself if unknown. */
export function roleNameOf(roleId: string): string {
  return ROLE_NAMES.find((name) => id(name) === roleId.toLowerCase()) ?? roleId;
}
