import { mkdir } from "node:fs/promises";
import path from "node:path";

import { writeFileAtomic } from "../../chain/index.js";
import { computeTierForAuthorization, createOracleService, evaluateFormulaForAuthorization, readFormulaResult, type PointsParty } from "../../points/index.js";
import type { AgentHandler } from "../agent-types.js";

/**
 * Every member's points roles, each acting only on what concerns it (Hu et al. §2.3):
 * - key holder: serves the comparison oracle on its node from the first tick (each query is
 *   checked against the ledger: only the authorised MPC, within its budget);
 * - MPC platform: on `points.ComputationAuthorized` naming it, computes the tier or the
 *   formula and posts it (an authorisation no longer Active is left alone);
 * - requester: on `points.FormulaResultPosted` of an authorisation it asked for, opens the
 *   result and writes it to `<participant>/points/results/<authorisation>.json`.
 */
export function createPointsHandler({ party, allowInsecureKeySize = false }: { party: PointsParty; allowInsecureKeySize?: boolean }): AgentHandler {
  const self = (address: string) => address.toLowerCase() === party.address.toLowerCase();
  const oracle = createOracleService({ party, allowInsecureKeySize });
  let stopServing: (() => Promise<void>) | undefined;
  return {
    name: "points",
    events: ["points.ComputationAuthorized", "points.FormulaResultPosted"],
    async handle(event, context) {
      const authorizationId = event.args.getValue("authorizationId") as bigint;
      const auth = await party.ledger.authorization(authorizationId);
      if (event.name === "ComputationAuthorized") {
        if (!self(auth.mpc) || auth.state !== 1n) return;
        if (auth.kind === 1n) {
          const r = await computeTierForAuthorization({ party, authorizationId, allowInsecureKeySize });
          context.logger.info(`authorisation #${authorizationId}: tier ${r.tier} computed under encryption (${r.comparisons} blinded comparisons) and posted → tx ${r.txHash}`);
        } else {
          const r = await evaluateFormulaForAuthorization({ party, authorizationId, allowInsecureKeySize });
          context.logger.info(`authorisation #${authorizationId}: formula evaluated under encryption (${r.comparisons} comparisons), result sealed to the requester → tx ${r.txHash}`);
        }
        return;
      }
      if (!self(auth.requester)) return;
      const value = await readFormulaResult({ party, authorizationId, allowInsecureKeySize });
      const file = path.join(party.directory, "results", `${authorizationId}.json`);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFileAtomic({ path: file, data: JSON.stringify({ authorizationId: authorizationId.toString(), consumerId: auth.consumerId, value: value.toString() }) + "\n", mode: 0o600 });
      context.logger.info(`authorisation #${authorizationId}: formula result opened (only this requester can) and saved to ${file}`);
    },
    async onTick() {
      if (stopServing === undefined && party.store.handleRequests !== undefined) stopServing = oracle.serve();
    },
    async onStop() {
      await stopServing?.();
    },
  };
}
