import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openPointsSession } from "./helpers/open-points-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `points:register-key`: the data-encryption platform creates its Paillier key pair, keeps the
 * private half sealed in its folder and registers the public half on the ledger. */
export default explainErrors(async function pointsRegisterKey(args: { participant: string | undefined; bits: string; allowInsecureKey: boolean; home: string | undefined }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the key holder (data-encryption platform)");
  const bits = Number(parseIntegerOption("bits", args.bits, { what: "the bit length of n (2048 or more)" }));
  // Before unlocking and connecting: a key too small (or odd) is refused there anyway, later.
  const { PAILLIER_MAX_BITS, PAILLIER_MIN_INSECURE_BITS, PAILLIER_MIN_SECURE_BITS } = await import("../offchain/crypto/index.js");
  const minimum = args.allowInsecureKey ? PAILLIER_MIN_INSECURE_BITS : PAILLIER_MIN_SECURE_BITS;
  if (bits < minimum || bits > PAILLIER_MAX_BITS || bits % 2 !== 0) {
    const smaller = args.allowInsecureKey ? "" : ` (smaller only with --allow-insecure-key, for tests and demos)`;
    throw new InvalidOptionError({ option: "bits", expected: `an even bit length from ${minimum} to ${PAILLIER_MAX_BITS}${smaller}`, got: args.bits });
  }
  const session = await openPointsSession({ hre, name, home: args.home });
  try {
    const { keyId, keyCid, txHash } = await session.points.registerPointsKey({ party: session.party, bits, allowInsecureKeySize: args.allowInsecureKey });
    console.log(`key #${keyId}: ${bits}-bit Paillier public key ${keyCid} registered → tx ${txHash}; the private key is sealed in ${session.party.directory}`);
  } finally {
    await session.close();
  }
});
