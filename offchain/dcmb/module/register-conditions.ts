import type { IHashedConditionNotifier } from "../../../types/ethers-contracts/index.js";
import { conditionHash, type Argon2Params, type IntervalRule } from "../index.js";

/**
 * The receiver registers one condition per rule label it wants to be told about, as
 * Argon2id(label ‖ salt) with the rule's severity, for one sender (Algorithm 5's known
 * conditions). Already registered (active) conditions are skipped.
 */
export async function registerConditions(p: {
  notifier: IHashedConditionNotifier;
  receiver: string;
  sender: string;
  rules: readonly IntervalRule[];
  salt: Uint8Array;
  params?: Argon2Params;
}): Promise<{ label: string; conditionId: bigint; txHash?: string }[]> {
  const results: { label: string; conditionId: bigint; txHash?: string }[] = [];
  for (const rule of p.rules) {
    const hash = await conditionHash({ label: rule.label, salt: p.salt, ...(p.params === undefined ? {} : { params: p.params }) });
    const existing = await p.notifier.conditionIdOf(p.receiver, p.sender, hash);
    if (existing !== 0n) {
      results.push({ label: rule.label, conditionId: existing });
      continue;
    }
    const receipt = await (await p.notifier.registerCondition(p.sender, hash, rule.severity)).wait();
    const conditionId = await p.notifier.conditionIdOf(p.receiver, p.sender, hash);
    results.push({ label: rule.label, conditionId, txHash: receipt!.hash });
  }
  return results;
}
