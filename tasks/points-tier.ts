import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openChainReader } from "./helpers/open-chain-reader.js";
import { requireOption } from "./helpers/require-option.js";

/** `points:tier`: a consumer's tier history as the MPC platform posted it (no amounts exist on chain). */
export default explainErrors(async function pointsTier(args: { consumer: string | undefined; json: boolean }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const consumer = requireOption("consumer", args.consumer, "the consumer's pseudonym (0x + 64 hex digits)");
  const { consumerIdOf } = await import("../offchain/points/consumer-id.js");
  const { tierName } = await import("../offchain/crypto/secure-compute/tier.js");
  const consumerId = consumerIdOf(consumer);
  const { chain, provider, deployment, close } = await openChainReader(hre);
  try {
    const { ledger } = chain.connectPoints({ deployment, runner: provider });
    const history = await ledger.tierHistory(consumerId);
    if (args.json) {
      console.log(JSON.stringify(history.map((t) => ({ tier: Number(t.tier), authorizationId: t.authorizationId.toString(), postedAt: Number(t.postedAt), evidenceCid: t.evidenceCid })), null, 2));
      return;
    }
    console.log(`consumer ${consumer} (${consumerId}): ${history.length} tier update(s)`);
    for (const t of history) console.log(`- ${new Date(Number(t.postedAt) * 1000).toISOString()} tier ${t.tier} (${tierName(Number(t.tier))}), authorisation #${t.authorizationId}, evidence ${t.evidenceCid}`);
  } finally {
    await close();
  }
});
