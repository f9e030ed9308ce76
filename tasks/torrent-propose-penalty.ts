import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openParticipantSession } from "./helpers/open-participant-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `torrent:propose-penalty`: a member proposes moving part of an offender's deposit to a beneficiary; members vote with consortium:vote. */
export default explainErrors(async function torrentProposePenalty(
  args: { participant: string | undefined; offender: string | undefined; amount: string | undefined; beneficiary: string | undefined; reason: string | undefined; home: string | undefined },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const { getAddress, isAddress } = await import("ethers");
  const name = requireOption("participant", args.participant, "the member who proposes");
  const offender = requireOption("offender", args.offender, "the offender's address");
  if (!isAddress(offender)) throw new InvalidOptionError({ option: "offender", expected: "a 0x address", got: offender });
  const beneficiary = requireOption("beneficiary", args.beneficiary, "the address credited with the penalty");
  if (!isAddress(beneficiary)) throw new InvalidOptionError({ option: "beneficiary", expected: "a 0x address", got: beneficiary });
  const amount = parseIntegerOption("amount", args.amount, { what: "the penalty in wei" });
  const reason = requireOption("reason", args.reason, "why (public), e.g. the audit id and what was missed");
  const session = await openParticipantSession({ hre, name, home: args.home });
  try {
    const torrent = await import("../offchain/torrent/index.js");
    const { ledger } = session.chain.connectTorrent({ deployment: session.deployment, runner: session.signer });
    const { proposalId, txHash } = await torrent.proposePenalty({ ledger, offender: getAddress(offender), amount, beneficiary: getAddress(beneficiary), reason });
    console.log(`penalty of up to ${amount} wei on ${getAddress(offender)} for ${getAddress(beneficiary)} proposed → proposal #${proposalId}, tx ${txHash}`);
    console.log(`  members vote: npx hardhat consortium:vote --proposal ${proposalId} --support true --participant <member>`);
  } finally {
    await session.close();
  }
});
