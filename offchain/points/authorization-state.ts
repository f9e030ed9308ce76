import { PointsStateError } from "./errors.js";

/** The ledger's AuthorizationState, by value. */
const STATES = ["None", "Active", "Used", "Revoked"] as const;

/** Throws PointsStateError unless the ledger's authorisation `authorizationId` is Active. */
export function requireActiveAuthorization(auth: { state: bigint }, authorizationId: bigint): void {
  if (auth.state !== 1n) throw new PointsStateError({ what: `authorisation ${authorizationId}`, expected: "Active", got: STATES[Number(auth.state)] ?? String(auth.state) });
}
