import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openPointsSession } from "./helpers/open-points-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `points:register-key`: the data-encryption platform creates its Paillier key pair, keeps the
 * private half sealed in its folder and registers the public half on the ledger. */
export default explainErrors(async function pointsRegisterKey(args: { participant: string | undefined; bits: string; allowInsecureKey: boolean; home: string | undefined }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the key holder (data-encryption platform)");
  const bits = Number(parseIntegerOption("bits", args.bits, { what: "the bit length of n (2048 or more)" }));
  const session = await openPointsSession({ hre, name, home: args.home });
  try {
    const { keyId, keyCid, txHash } = await session.points.registerPointsKey({ party: session.party, bits, allowInsecureKeySize: args.allowInsecureKey });
    console.log(`key #${keyId}: ${bits}-bit Paillier public key ${keyCid} registered → tx ${txHash}; the private key is sealed in ${session.party.directory}`);
  } finally {
    await session.close();
  }
});
