import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openChainReader } from "./helpers/open-chain-reader.js";

const OFFER_STATES = ["None", "Listed", "Withdrawn"];

/** `quality:list`: pairs (with their XOR posts), offers and comparison requests, read from the chain. */
export default explainErrors(async function qualityList(_args: Record<string, unknown>, hre: HardhatRuntimeEnvironment): Promise<void> {
  const { chain, provider, deployment, close } = await openChainReader(hre);
  const quality = await import("../offchain/quality/index.js");
  try {
    const { channel, market, board } = chain.connectQuality({ deployment, runner: provider });
    const pairCount = await channel.pairCount();
    console.log(`${pairCount} pair(s)`);
    for (let pairId = 1n; pairId <= pairCount; pairId++) {
      const pair = await channel.pair(pairId);
      const lot = await channel.lot(pair.lotId);
      console.log(`  pair #${pairId}  lot ${pair.lotId} (${lot.description || "no description"}) #${pair.pairIndex}  ${pair.params.labelT} → ${pair.params.labelT1}  ${pair.params.bitLength} bits  owner ${lot.owner}`);
      for (const event of await channel.queryFilter(channel.filters.XorPosted(pairId))) console.log(`    XOR posted to servicer ${event.args.servicer}`);
    }
    const offers = await quality.listXorOffers({ market });
    console.log(`${offers.length} offer(s)`);
    for (const o of offers) {
      console.log(`  offer #${o.offerId}  pair #${o.pairId}  servicer ${o.servicer}  ${o.terms.price} wei  ${OFFER_STATES[Number(await market.offerState(o.offerId))]}`);
    }
    const requestCount = await board.requestCount();
    console.log(`${requestCount} comparison request(s)`);
    for (let requestId = 1n; requestId <= requestCount; requestId++) {
      const r = await board.requestOf(requestId);
      console.log(`  request #${requestId}  pair #${r.pairId}  by ${r.requester}  ${quality.REQUEST_STATES[Number(await board.state(requestId))]}${r.rejectReason === 0n ? "" : ` (reason ${r.rejectReason})`}`);
    }
  } finally {
    await close();
  }
});
