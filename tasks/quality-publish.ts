import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openQualitySession } from "./helpers/open-quality-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";
import { resolveParticipantHome } from "./helpers/resolve-participant-home.js";

export type QualityPublishArguments = {
  participant: string | undefined;
  lot: string | undefined;
  description: string | undefined;
  x: string | undefined;
  y: string | undefined;
  bits: number;
  labelT: string | undefined;
  labelT1: string | undefined;
  servicer: string | undefined;
  keyBits: number;
  allowInsecureKey: boolean;
  home: string | undefined;
};

/** `quality:publish`: B publishes an encrypted (t, t+1) pair and posts its XOR data to a servicer. */
export default explainErrors(async function qualityPublish(args: QualityPublishArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the lot owner (company B)");
  const lot = requireOption("lot", args.lot, "a lot id (0x + 64 hex digits) or lot name");
  if (!Number.isInteger(args.bits) || args.bits < 1 || args.bits > 256) throw new InvalidOptionError({ option: "bits", expected: "an integer from 1 to 256", got: args.bits });
  const max = (1n << BigInt(args.bits)) - 1n;
  const value = (option: "x" | "y") => {
    const v = parseIntegerOption(option, args[option], { what: `the quality value at ${option === "x" ? "t" : "t+1"}`, min: 0n });
    if (v > max) throw new InvalidOptionError({ option, expected: `a value from 0 to ${max} (fits in --bits ${args.bits})`, got: args[option] });
    return v;
  };
  const x = value("x");
  const y = value("y");
  const labelT = requireOption("label-t", args.labelT, "the label of time t, e.g. 2024-05-01");
  const labelT1 = requireOption("label-t-1", args.labelT1, "the label of time t+1");
  const servicerText = requireOption("servicer", args.servicer, "the servicer's participant name or 0x address");
  if (args.keyBits < 2048 && !args.allowInsecureKey) {
    throw new InvalidOptionError({ option: "key-bits", expected: "at least 2048 (or --allow-insecure-key for tests and demos)", got: args.keyBits });
  }

  const session = await openQualitySession({ hre, name, home: args.home, storage: true, allowInsecureKeySize: args.allowInsecureKey });
  try {
    const { chain, quality, contracts, vault, party } = session;
    let servicer = servicerText;
    if (!/^0x[0-9a-fA-F]{40}$/.test(servicerText)) {
      const home = resolveParticipantHome({ name: servicerText, home: args.home, projectRoot: hre.config.paths.root });
      servicer = (await chain.readParticipantProfile({ name: servicerText, home })).address;
    }
    const result = await quality.publishQualityPair({
      party: party(),
      channel: contracts.channel,
      vault,
      lotId: quality.lotIdOf(lot),
      lotDescription: args.description ?? lot,
      labelT,
      labelT1,
      x,
      y,
      bitLength: args.bits,
      servicer,
      keyBits: args.keyBits,
      allowInsecureKeySize: args.allowInsecureKey,
    });
    console.log(`published pair #${result.pairId} (lot ${lot}, pair ${result.pairIndex} of the lot, ${args.bits} bits, ${args.keyBits}-bit Paillier key)`);
    console.log(`  public key   ${result.publicKeyCid}  keccak256 ${result.publicKeyHash}`);
    console.log(`  Enc(x), Enc(y) ${result.bundleCid}  keccak256 ${result.bundleHash}`);
    console.log(`  XOR bundle to servicer ${servicer}: ${result.encryptedXorCid}, commitment ${result.xorBundleHash}`);
    console.log(`  private key sealed in ${session.paths.keys}; txs ${result.txHashes.join(", ")}`);
    console.log(`  keep this participant's agent running: others fetch these from its node`);
  } finally {
    await session.close();
  }
});
