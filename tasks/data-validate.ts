import { writeFile } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

export type DataValidateArguments = {
  participant: string | undefined;
  entry: string | undefined;
  certify: boolean;
  reject: string | undefined;
  statement: string;
  out: string | undefined;
  home: string | undefined;
};

/** `data:validate`: a REGULATOR opens a submitted entry (data key sealed to it), checks it
 * against the chain, and certifies it (certificate kept in its node) or rejects it with a
 * reason. Without --certify or --reject it only shows what it found. */
export default explainErrors(async function dataValidate(args: DataValidateArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "a member holding the REGULATOR role");
  const entryId = parseIntegerOption("entry", args.entry, { what: "an entry id (device:submit prints it)" });
  if (args.certify && args.reject !== undefined) throw new InvalidOptionError({ option: "reject", expected: "either --certify or --reject, not both", got: args.reject });
  if (args.reject !== undefined && args.reject.trim() === "") throw new InvalidOptionError({ option: "reject", expected: "a reason the submitter can act on", got: args.reject });
  const session = await openExchangeSession({ hre, name, home: args.home, storage: true });
  try {
    const { exchange, contracts } = session;
    const count = await contracts.dataRegistry.entryCount();
    if (entryId > count) throw new InvalidOptionError({ option: "entry", expected: `an entry id from 1 to ${count}`, got: args.entry });
    const party = session.party();
    const { entry, metadata, data, problems } = await exchange.inspectEntry({ party, entryId });
    console.log(`entry #${entryId} by ${entry.submitter}, device ${entry.device}, ${exchange.stateName(exchange.ENTRY_STATES, entry.state)}`);
    console.log(`  ${metadata.category}, ${metadata.mediaType}, ${data.length} bytes, produced ${new Date(metadata.producedAt * 1000).toISOString()}: ${metadata.description || "(no description)"}`);
    console.log(problems.length === 0 ? "  decrypted with the key sealed to you; SHA-256, metadata hash, device and time match the chain" : `  PROBLEMS: ${problems.join("; ")}`);
    if (args.out !== undefined) {
      await writeFile(args.out, data, { mode: 0o600 });
      console.log(`  data written to ${args.out}`);
    }
    if (args.certify) {
      const { certificateCid, txHash } = await exchange.certifyData({ party, entryId, statement: args.statement });
      console.log(`certified entry #${entryId}; certificate ${certificateCid} → tx ${txHash}`);
    } else if (args.reject !== undefined) {
      const { txHash } = await exchange.rejectData({ party, entryId, reason: args.reject.trim() });
      console.log(`rejected entry #${entryId}: ${args.reject.trim()} → tx ${txHash}; the submitter may resubmit a correction (device:submit --resubmits ${entryId})`);
    }
  } finally {
    await session.close();
  }
});
