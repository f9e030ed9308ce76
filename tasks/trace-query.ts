import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openChainReader } from "./helpers/open-chain-reader.js";
import { parseObjectOption } from "./helpers/parse-object-option.js";

/** `trace:query`: walks an object's chain of custody back to its origins (transfers and
 * identifier mappings), fetches and verifies each record's data on its information server, and
 * prints the provenance tree (or --json). Unreachable or mismatching data is reported per node. */
export default explainErrors(async function traceQuery(args: { object: string | undefined; json: boolean }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const { chain, provider, deployment, close } = await openChainReader(hre);
  const trace = await import("../offchain/trace/index.js");
  try {
    const objectId = parseObjectOption("object", args.object, trace.objectIdOf);
    const { traceLedger } = chain.connectExchange({ deployment, runner: provider });
    const { registry } = chain.connectConsortium({ deployment, runner: provider });
    const names = new Map<string, string>();
    for (const member of await registry.members()) names.set(member.toLowerCase(), (await registry.member(member)).profile.name);
    const started = Date.now();
    const tree = await trace.queryCustody({
      ledger: traceLedger,
      objectId,
      ...(args.json ? {} : { onProgress: (done: number, total: number) => process.stderr.write(`\rverifying traceability data: ${done}/${total}`) }),
    });
    if (!args.json) process.stderr.write("\n");
    if (args.json) {
      console.log(JSON.stringify(trace.provenanceTreeToJson(tree), null, 2));
      return;
    }
    console.log(trace.renderProvenanceTree(tree, { nameOf: (address: string) => names.get(address.toLowerCase()) ?? address }));
    console.log(`(${((Date.now() - started) / 1000).toFixed(2)} s)`);
  } finally {
    await close();
  }
});
