import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { parseListOption } from "./helpers/parse-list-option.js";
import { parseDetailsOption, parseObjectOption } from "./helpers/parse-object-option.js";
import { requireOption } from "./helpers/require-option.js";

export type TraceMapArguments = {
  participant: string | undefined;
  object: string | undefined;
  objects: string | undefined;
  into: string | undefined;
  step: string | undefined;
  details: string | undefined;
  home: string | undefined;
};

type Kind = "split" | "merge" | "relabel";

/** `trace:split` / `trace:merge` / `trace:relabel`: the holder records an identifier mapping
 * (one lot into new ids, several into one container, or one new id), with its data on its
 * information server. */
export function traceMapTask(kind: Kind) {
  return explainErrors(async function traceMap(args: TraceMapArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
    const name = requireOption("participant", args.participant, "the holder of every input object");
    const step = args.step ?? kind;
    const details = parseDetailsOption("details", args.details);
    const session = await openExchangeSession({ hre, name, home: args.home, storage: false, informationServer: true });
    try {
      const { trace } = session;
      const id = (option: string) => (label: string) => parseObjectOption(option, label, trace.objectIdOf);
      const inputs = kind === "merge" ? parseListOption("objects", args.objects, { what: "the objects merged", min: 2 }).map(id("objects")) : [parseObjectOption("object", args.object, trace.objectIdOf)];
      const outputs =
        kind === "split" ? parseListOption("into", args.into, { what: "the new identifiers", min: 2 }).map(id("into")) : [parseObjectOption("into", args.into, trace.objectIdOf)];
      const { mappingId, dataHash, txHash } = await trace.mapObjects({ party: session.traceParty(), kind, inputs, outputs, step, details });
      const labels = (ids: string[]) => ids.map(trace.objectLabelOf).join(", ");
      console.log(`mapping #${mappingId} (${kind}): ${labels(inputs)} → ${labels(outputs)}; data ${dataHash} → tx ${txHash}`);
    } finally {
      await session.close();
    }
  });
}
