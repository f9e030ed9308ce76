import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openPointsSession } from "./helpers/open-points-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `points:formula`: the MPC platform (--evaluate) evaluates max(min(max(37A, 150B), 150000),
 * 50000) under encryption and posts the result sealed to the requester; the requester (without
 * --evaluate) opens it. */
export default explainErrors(async function pointsFormula(args: { participant: string | undefined; authorization: string | undefined; evaluate: boolean; allowInsecureKey: boolean; home: string | undefined }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the MPC platform (with --evaluate) or the requester");
  const authorizationId = parseIntegerOption("authorization", args.authorization, { what: "a formula authorisation id" });
  const session = await openPointsSession({ hre, name, home: args.home });
  try {
    if (args.evaluate) {
      const r = await session.points.evaluateFormulaForAuthorization({ party: session.party, authorizationId, allowInsecureKeySize: args.allowInsecureKey });
      console.log(`authorisation #${authorizationId}: evaluated under encryption (${r.comparisons} comparisons, ${r.ciphertextsSent} ciphertexts to the key holder); result ${r.resultCid} sealed to the requester → tx ${r.txHash}`);
      return;
    }
    const value = await session.points.readFormulaResult({ party: session.party, authorizationId, allowInsecureKeySize: args.allowInsecureKey });
    console.log(`authorisation #${authorizationId}: max(min(max(37A, 150B), 150000), 50000) = ${value}`);
  } finally {
    await session.close();
  }
});
