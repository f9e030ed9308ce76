import { getAddress } from "ethers";

import type { ITorrentLedger } from "../../types/ethers-contracts/index.js";
import { TorrentStateError } from "./errors.js";

/** After an audit's release window: records on chain every holder that did not release (once). */
export async function recordMissedReleases({ ledger, auditId }: { ledger: ITorrentLedger; auditId: bigint }): Promise<{ missed: { index: number; holder: string }[]; txHash: string }> {
  const receipt = await (await ledger.recordMissedReleases(auditId)).wait();
  const missed: { index: number; holder: string }[] = [];
  for (const log of receipt!.logs) {
    const parsed = ledger.interface.parseLog(log);
    if (parsed?.name === "ShareReleaseMissed") missed.push({ index: Number(parsed.args.index), holder: getAddress(parsed.args.holder) });
  }
  return { missed, txHash: receipt!.hash };
}

export const DEPOSIT_ACTIONS = ["stake", "request-unstake", "withdraw-stake", "withdraw-credit"] as const;
export type DepositAction = (typeof DEPOSIT_ACTIONS)[number];

/** One deposit operation of the caller (the ledger is connected to its signer); `amount` in wei for stake and request-unstake. */
export async function changeDeposit({ ledger, action, amount }: { ledger: ITorrentLedger; action: DepositAction; amount?: bigint }): Promise<string> {
  const needsAmount = action === "stake" || action === "request-unstake";
  if (needsAmount && (amount === undefined || amount <= 0n)) throw new TorrentStateError({ what: `deposit ${action}`, expected: "an amount in wei > 0", got: String(amount) });
  const tx =
    action === "stake"
      ? await ledger.stake({ value: amount! })
      : action === "request-unstake"
        ? await ledger.requestUnstake(amount!)
        : action === "withdraw-stake"
          ? await ledger.withdrawStake()
          : await ledger.withdrawCredit();
  return (await tx.wait())!.hash;
}

/** A member proposes moving up to `amount` of `offender`'s deposit to `beneficiary`; members vote on the returned ballot proposal. */
export async function proposePenalty({
  ledger,
  offender,
  amount,
  beneficiary,
  reason,
}: {
  ledger: ITorrentLedger;
  offender: string;
  amount: bigint;
  beneficiary: string;
  reason: string;
}): Promise<{ proposalId: bigint; txHash: string }> {
  const receipt = await (await ledger.proposePenalty(offender, amount, beneficiary, reason)).wait();
  for (const log of receipt!.logs) {
    const parsed = ledger.interface.parseLog(log);
    if (parsed?.name === "PenaltyProposed") return { proposalId: parsed.args.proposalId, txHash: receipt!.hash };
  }
  throw new TorrentStateError({ what: `penalty proposal tx ${receipt!.hash}`, expected: "a PenaltyProposed event", got: "none" });
}
