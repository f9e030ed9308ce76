import type { ComparisonOracle } from "../crypto/index.js";
import { encodeOracleRequest } from "./documents.js";
import { PointsStateError } from "./errors.js";
import { POINTS_ORACLE_PROTOCOL, type PointsParty } from "./points-party.js";

/** The MPC platform's handle on the key holder's oracle for one authorisation: comparisons
 * (ComparisonOracle, as the secure-compute toolkit takes it) and the formula's reveal, sent
 * over libp2p to the multiaddrs the key holder registered. */
export async function remoteOracle({ party, keyHolder, authorizationId }: { party: PointsParty; keyHolder: string; authorizationId: bigint }) {
  const { request } = party.store;
  if (request === undefined) throw new PointsStateError({ what: "the MPC's store", expected: "an embedded node that sends requests", got: "none" });
  const multiaddrs = [...(await party.registry.member(keyHolder)).profile.multiaddrs];
  const timeoutMs = party.fetchTimeoutMs ?? 15_000;
  const ask = async (kind: "compare" | "reveal", ciphertext: bigint) =>
    JSON.parse(new TextDecoder().decode(await request.call(party.store, multiaddrs, POINTS_ORACLE_PROTOCOL, encodeOracleRequest({ authorizationId, kind, ciphertext }), { timeoutMs, maxResponseBytes: 65_536 }))) as Record<string, unknown>;
  const oracle: ComparisonOracle = {
    async answer(query) {
      const reply = await ask("compare", query.ciphertext);
      if (typeof reply["greaterOrEqualZero"] !== "boolean") throw new PointsStateError({ what: "the oracle's answer", expected: "{ greaterOrEqualZero: boolean }", got: JSON.stringify(reply) });
      return { greaterOrEqualZero: reply["greaterOrEqualZero"] };
    },
  };
  return {
    oracle,
    /** Enc(F + m) → the key holder's envelope of F + m, sealed to the requester. */
    async reveal(ciphertext: bigint): Promise<string> {
      const reply = await ask("reveal", ciphertext);
      if (typeof reply["envelope"] !== "string") throw new PointsStateError({ what: "the oracle's reveal", expected: "{ envelope }", got: JSON.stringify(reply) });
      return reply["envelope"];
    },
  };
}
