import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openChainReader } from "./helpers/open-chain-reader.js";

/** `dcmb:conditions`: the notifier's conditions (hash, severity, state, notifications) and the notifications sent. */
export default explainErrors(async function dcmbConditions(_args: Record<string, unknown>, hre: HardhatRuntimeEnvironment): Promise<void> {
  const { chain, provider, deployment, close } = await openChainReader(hre);
  try {
    const { notifier } = chain.connectDcmb({ deployment, runner: provider });
    const count = await notifier.conditionCount();
    console.log(`${count} condition(s) on HashedConditionNotifier ${await notifier.getAddress()} (labels are not on chain: only Argon2id(label ‖ salt))`);
    for (let id = 1n; id <= count; id++) {
      const c = await notifier.condition(id);
      console.log(`- #${id} receiver ${c.receiver} ← sender ${c.sender}: hash ${c.conditionHash}, severity ${c.severity}, ${c.active ? "active" : "revoked"}, notified ${c.notificationCount} time(s)`);
    }
    for (const e of await notifier.queryFilter(notifier.filters.Notified())) {
      console.log(`  block ${e.blockNumber}: condition #${e.args.conditionId} matched a post of ${e.args.sender} → notified ${e.args.receiver} (severity ${e.args.severity})`);
    }
  } finally {
    await close();
  }
});
