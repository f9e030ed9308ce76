import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openPointsSession } from "./helpers/open-points-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

export type PointsIssueArguments = { participant: string | undefined; consumer: string | undefined; points: string | undefined; keyId: string | undefined; allowInsecureKey: boolean; home: string | undefined };

/** `points:issue`: an issuer credits a consumer with points, encrypted under the key holder's
 * registered Paillier key; only the ciphertext's CID and hash go on chain. */
export default explainErrors(async function pointsIssue(args: PointsIssueArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the issuer (brand or e-commerce platform)");
  const consumer = requireOption("consumer", args.consumer, "the consumer's pseudonym (0x + 64 hex digits)");
  const amount = parseIntegerOption("points", args.points, { what: "the points credited", min: 0n });
  const keyId = parseIntegerOption("key-id", args.keyId, { what: "the key holder's key id (points:register-key prints it)" });
  const { consumerIdOf } = await import("../offchain/points/consumer-id.js");
  const consumerId = consumerIdOf(consumer);
  const session = await openPointsSession({ hre, name, home: args.home });
  try {
    const { issuanceId, cid, txHash } = await session.points.issuePoints({ party: session.party, consumerId, keyId, points: amount, allowInsecureKeySize: args.allowInsecureKey });
    console.log(`issuance #${issuanceId}: ${amount} points for consumer ${consumerId} encrypted under key ${keyId} (${cid}) → tx ${txHash}`);
  } finally {
    await session.close();
  }
});
