import { readFile } from "node:fs/promises";
import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openChainReader } from "./helpers/open-chain-reader.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";
import { resolveParticipantHome } from "./helpers/resolve-participant-home.js";

/** `dcmb:verify`: re-checks the readings a receiver got in a batch against the sender's root on chain. */
export default explainErrors(async function dcmbVerify(
  args: { participant: string | undefined; sender: string | undefined; batch: string | undefined; home: string | undefined },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const { getAddress, isAddress } = await import("ethers");
  const name = requireOption("participant", args.participant, "the receiver whose inbox to check");
  const senderText = requireOption("sender", args.sender, "the sender's 0x address");
  if (!isAddress(senderText)) throw new InvalidOptionError({ option: "sender", expected: "a 0x address", got: senderText });
  const batchId = Number(parseIntegerOption("batch", args.batch, { what: "the batch id" }));
  const sender = getAddress(senderText);
  const { chain, provider, deployment, close } = await openChainReader(hre);
  try {
    const dcmb = await import("../offchain/dcmb/index.js");
    const { readDcmbConfig } = await import("../offchain/dcmb/module/index.js");
    const home = resolveParticipantHome({ name, home: args.home, projectRoot: hre.config.paths.root });
    const directory = chain.participantPaths({ name, home }).directory;
    const profile = JSON.parse(await readFile(path.join(directory, "profile.json"), "utf8")) as { address: string };
    const config = await readDcmbConfig(path.join(directory, "dcmb.json")).catch(() => undefined);
    const { auditTrail } = chain.connectDcmb({ deployment, runner: provider });
    const batch = await auditTrail.batch(sender, profile.address, batchId);
    const inbox = path.join(directory, "dcmb", "receiver", "inbox", `${sender}.jsonl`);
    const lines = (await readFile(inbox, "utf8").catch(() => "")).split("\n").filter((l) => l !== "");
    const entries = lines.map((l) => JSON.parse(l) as { batchId: number; index: number; data: string; salt: string; proof: string[]; value: string });
    const mine = entries.filter((e) => e.batchId === batchId);
    console.log(`batch ${batchId} of ${sender} → ${profile.address}: ${batch.messageCount} message(s) on chain, root ${batch.root}, ${batch.acknowledgedAt === 0n ? "not acknowledged" : "acknowledged"}, ${batch.failedCount} recorded as failed`);
    let ok = 0;
    for (const e of mine) {
      const verdict = await dcmb.verifyMessage({
        message: { sender, receiver: profile.address, batchId, index: e.index, count: Number(batch.messageCount), data: e.data, salt: e.salt, proof: e.proof },
        root: batch.root,
        ...(config === undefined ? {} : { params: config.argon2 }),
      });
      console.log(`  message ${e.index}: ${verdict.ok ? "verifies against the on-chain root" : `DOES NOT verify: ${verdict.problem}`}`);
      if (verdict.ok) ok++;
    }
    console.log(`${ok} of ${mine.length} message(s) in the inbox verify; ${Number(batch.messageCount) - mine.length} of the batch are not in the inbox`);
    if (ok !== mine.length) process.exitCode = 1;
  } finally {
    await close();
  }
});
