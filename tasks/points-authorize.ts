import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openPointsSession } from "./helpers/open-points-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { parseListOption } from "./helpers/parse-list-option.js";
import { requireOption } from "./helpers/require-option.js";
import { resolveParticipantOrMemberOption } from "./helpers/resolve-member-option.js";
import { resolveParticipantHome } from "./helpers/resolve-participant-home.js";

export type PointsAuthorizeArguments = { participant: string | undefined; consumer: string | undefined; kind: string | undefined; issuances: string | undefined; mpc: string | undefined; requester: string | undefined; validFor: string; home: string | undefined };

/** `points:authorize`: the key holder lets one MPC platform run one computation (tier or
 * formula) over named issuances; the MPC's agent computes on the event. */
export default explainErrors(async function pointsAuthorize(args: PointsAuthorizeArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the key holder of the issuances' key");
  const consumer = requireOption("consumer", args.consumer, "the consumer's pseudonym (0x + 64 hex digits)");
  const kind = requireOption("kind", args.kind, "tier or formula");
  if (kind !== "tier" && kind !== "formula") throw new InvalidOptionError({ option: "kind", expected: "tier or formula", got: kind });
  const issuances = parseListOption("issuances", args.issuances, { what: "issuance ids, ascending" }).map((text) => parseIntegerOption("issuances", text, { what: "an issuance id" }));
  // The ledger takes ids strictly ascending; the MPC evaluates the formula over exactly A and B.
  if (issuances.some((id, n) => n > 0 && id <= issuances[n - 1]!)) throw new InvalidOptionError({ option: "issuances", expected: "issuance ids in ascending order", got: args.issuances });
  if (kind === "formula" && issuances.length !== 2) throw new InvalidOptionError({ option: "issuances", expected: "exactly two issuance ids for the formula (A, then B)", got: args.issuances });
  const mpcText = requireOption("mpc", args.mpc, "the MPC platform: a participant name, a member's 0x address or its registered name");
  const requesterText = requireOption("requester", args.requester, "who asked: a participant name, a member's 0x address or its registered name");
  const validFor = parseIntegerOption("valid-for", args.validFor, { what: "seconds the authorisation stays usable" });
  const { consumerIdOf } = await import("../offchain/points/consumer-id.js");
  const consumerId = consumerIdOf(consumer);
  const session = await openPointsSession({ hre, name, home: args.home });
  try {
    const lookup = { registry: session.registry, readAddress: async (participant: string) => (await session.chain.readParticipantProfile({ name: participant, home: resolveParticipantHome({ name: participant, home: args.home, projectRoot: hre.config.paths.root }) })).address };
    const mpc = await resolveParticipantOrMemberOption("mpc", mpcText, lookup);
    const requester = await resolveParticipantOrMemberOption("requester", requesterText, lookup);
    const { authorizationId, txHash } = await session.points.authorizeComputation({ party: session.party, consumerId, kind, issuanceIds: issuances, mpc, requester, validForSeconds: validFor });
    console.log(`authorisation #${authorizationId}: ${kind} over issuance(s) ${issuances.join(", ")} by ${mpc} for ${requester}, valid ${validFor} s → tx ${txHash}`);
  } finally {
    await session.close();
  }
});
