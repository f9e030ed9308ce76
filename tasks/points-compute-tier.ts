import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openPointsSession } from "./helpers/open-points-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `points:compute-tier`: the MPC platform computes an authorised tier under encryption with the
 * key holder's oracle and posts it (its agent does the same on the authorisation event). */
export default explainErrors(async function pointsComputeTier(args: { participant: string | undefined; authorization: string | undefined; allowInsecureKey: boolean; home: string | undefined }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the MPC platform named in the authorisation");
  const authorizationId = parseIntegerOption("authorization", args.authorization, { what: "an authorisation id (points:authorize prints it)" });
  const session = await openPointsSession({ hre, name, home: args.home });
  try {
    const r = await session.points.computeTierForAuthorization({ party: session.party, authorizationId, allowInsecureKeySize: args.allowInsecureKey });
    console.log(`authorisation #${authorizationId}: tier ${r.tier} (${r.comparisons} blinded comparisons, ${r.ciphertextsSent} ciphertexts to the key holder) posted with evidence ${r.evidenceCid} → tx ${r.txHash}`);
  } finally {
    await session.close();
  }
});
