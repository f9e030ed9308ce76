import { chainTime, waitForEvent } from "../chain/index.js";
import type { PointsParty } from "./points-party.js";

/** Ledger values of an authorisation's kind. */
export const COMPUTATION_KINDS = { tier: 1, formula: 2 } as const;

/**
 * The key holder allows one computation (Hu et al. §2.3 step 5): `kind` over `issuanceIds`
 * (ascending, one consumer, all under its key) by the MPC platform `mpc`, for `requester`,
 * usable for `validForSeconds` of chain time. Returns the authorisation's id.
 */
export async function authorizeComputation({ party, consumerId, kind, issuanceIds, mpc, requester, validForSeconds }: {
  party: PointsParty;
  consumerId: string;
  kind: keyof typeof COMPUTATION_KINDS;
  issuanceIds: readonly bigint[];
  mpc: string;
  requester: string;
  validForSeconds: bigint;
}) {
  const expiresAt = BigInt(await chainTime(party.signer.provider!)) + validForSeconds;
  const tx = await party.ledger.authorizeComputation(consumerId, COMPUTATION_KINDS[kind], [...issuanceIds], mpc, requester, expiresAt);
  const { args } = await waitForEvent(tx, party.ledger, "ComputationAuthorized");
  return { authorizationId: args.getValue("authorizationId") as bigint, expiresAt, txHash: tx.hash };
}
