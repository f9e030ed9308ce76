import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openParticipantSession } from "./helpers/open-participant-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `torrent:deposit`: the participant's penalty deposit on the TorrentLedger (stake, unstake with notice, withdraw, withdraw credited penalties). */
export default explainErrors(async function torrentDeposit(
  args: { participant: string | undefined; action: string | undefined; amount: string | undefined; home: string | undefined },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const name = requireOption("participant", args.participant, "the member whose deposit it is");
  const torrent = await import("../offchain/torrent/index.js");
  const action = requireOption("action", args.action, torrent.DEPOSIT_ACTIONS.join(", ")) as (typeof torrent.DEPOSIT_ACTIONS)[number];
  if (!torrent.DEPOSIT_ACTIONS.includes(action)) throw new InvalidOptionError({ option: "action", expected: `one of ${torrent.DEPOSIT_ACTIONS.join(", ")}`, got: args.action });
  const amount = action === "stake" || action === "request-unstake" ? parseIntegerOption("amount", args.amount, { what: "the amount in wei" }) : undefined;
  const session = await openParticipantSession({ hre, name, home: args.home });
  try {
    const { ledger } = session.chain.connectTorrent({ deployment: session.deployment, runner: session.signer });
    const txHash = await torrent.changeDeposit({ ledger, action, ...(amount === undefined ? {} : { amount }) });
    const self = session.participant.wallet.address;
    const [pending, availableAt] = await ledger.pendingUnstake(self);
    console.log(`${action} → tx ${txHash}`);
    console.log(`  deposit ${await ledger.deposit(self)} wei; credit ${await ledger.credit(self)} wei` + (pending > 0n ? `; ${pending} wei requested, withdrawable from ${new Date(Number(availableAt) * 1000).toISOString()}` : ""));
  } finally {
    await session.close();
  }
});
