/** IModuleCertification.VersionStatus, by its numeric value. */
export const VERSION_STATUSES = ["None", "Proposed", "Certified", "Revoked"] as const;
export type VersionStatusName = (typeof VERSION_STATUSES)[number];

/** IBallot.ProposalState, by its numeric value. */
export const BALLOT_STATES = ["Pending", "Active", "Succeeded", "Defeated", "Executed", "Expired"] as const;
export type BallotStateName = (typeof BALLOT_STATES)[number];

export function versionStatusName(value: bigint | number): VersionStatusName {
  return VERSION_STATUSES[Number(value)] ?? "None";
}

export function ballotStateName(value: bigint | number): BallotStateName {
  const name = BALLOT_STATES[Number(value)];
  if (name === undefined) throw new RangeError(`unknown ballot state ${value}`);
  return name;
}
