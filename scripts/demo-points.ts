// The points part of the demo (Hu et al.): Mallory's loyalty points at a brand and an
// e-commerce platform are summed and compared with the tier thresholds under the key holder's
// Paillier key; only the tier goes on chain. Called by scripts/demo.ts, whose agents do their
// part: the Auditor's agent answers blinded comparisons, Servicer S's agent computes, Materials
// A's agent opens the formula result sealed to it.
import { readFile } from "node:fs/promises";
import path from "node:path";

import type { Provider } from "ethers";

import { connectPoints, type Deployment, type Participant } from "../offchain/chain/index.js";
import { tierName } from "../offchain/crypto/index.js";
import { ORACLE_BUDGET, authorizeComputation, issuePoints, newConsumerPseudonym, registerPointsKey, type PointsParty } from "../offchain/points/index.js";
import { memberParty, until } from "./demo-helpers.js";

type DemoCompany = { organisation: { name: string; organisation: string }; participant: Participant; store: PointsParty["store"] };

export type PointsStoryParameters<C extends DemoCompany> = {
  step: (title: string) => void;
  say: (line: string) => void;
  byName: (name: string) => C;
  provider: Provider;
  deployment: Pick<Deployment, "address">;
};

export async function runPointsStory<C extends DemoCompany>({ step, say, byName, provider, deployment }: PointsStoryParameters<C>) {
  const partyOf = (company: C): PointsParty => {
    const base = memberParty({ company, provider, deployment });
    return { ...base, ledger: connectPoints({ deployment, runner: base.signer }).ledger, directory: path.join(company.participant.directory, "points") };
  };
  const brand = partyOf(byName("materials-a"));
  const platform = partyOf(byName("chemicals-b"));
  const keyHolder = partyOf(byName("auditor"));
  const mpc = partyOf(byName("servicer-s"));
  const { ledger } = connectPoints({ deployment, runner: provider });

  step("Loyalty points (Hu et al.): Mallory's points at Materials A (the brand) and Chemicals B (the platform), encrypted under the Auditor's key");
  const key = await registerPointsKey({ party: keyHolder, bits: 3072 });
  say(`the Auditor, acting as the data-encryption platform, registers 3072-bit Paillier key #${key.keyId} (${key.keyCid.slice(0, 14)}…); its private half stays sealed in its folder`);
  const mallory = newConsumerPseudonym();
  say(`Mallory links her two accounts under a random pseudonym ${mallory.slice(0, 12)}…: a guessable id would let anyone follow her tier history`);
  const fromBrand = await issuePoints({ party: brand, consumerId: mallory, keyId: key.keyId, points: 2600n });
  const fromPlatform = await issuePoints({ party: platform, consumerId: mallory, keyId: key.keyId, points: 3200n });
  say(`Materials A credits 2600 points (issuance #${fromBrand.issuanceId}), Chemicals B 3200 (issuance #${fromPlatform.issuanceId}): each a ciphertext in the issuer's own node, only its CID and hash on chain`);

  step("The Auditor authorises Servicer S (the MPC platform) to compute Mallory's tier; the agents do the rest");
  const computation = (kind: "tier" | "formula") =>
    authorizeComputation({ party: keyHolder, consumerId: mallory, kind, issuanceIds: [fromBrand.issuanceId, fromPlatform.issuanceId], mpc: mpc.address, requester: brand.address, validForSeconds: 3_600n });
  const tierAuthorization = (await computation("tier")).authorizationId.toString();
  await until("Mallory's tier posted", async () => (await ledger.tierHistory(mallory)).length === 1);
  const [posted] = await ledger.tierHistory(mallory);
  say(`S's agent fetched both ciphertexts, added them under encryption and compared Enc(total) with 2000, 5000 and 10000, each blinded as ±(r·d + r′) with r of a random order between 2^40 and 2^1536 (half the key size)`);
  say(`Mallory's tier: ${posted!.tier} (${tierName(Number(posted!.tier))}), posted by Servicer S with evidence ${posted!.evidenceCid.slice(0, 14)}… (ciphertexts only)`);
  const budget = async () => JSON.parse(await readFile(path.join(keyHolder.directory, "oracle-budget.json"), "utf8")) as Record<string, { compare: number; reveal: number }>;
  say(`the Auditor's agent answered ${(await budget())[tierAuthorization]?.compare ?? 0} blinded comparisons (its limit for a tier: ${ORACLE_BUDGET.tier.compare}), one bit each, never seeing 2600, 3200 or 5800`);

  step("Materials A asks for max(min(max(37A, 150B), 150000), 50000) over the same points; only it learns the result");
  const { authorizationId } = await computation("formula");
  const resultFile = path.join(brand.directory, "results", `${authorizationId}.json`);
  await until("Materials A's formula result opened", async () => readFile(resultFile).then(() => true, () => false));
  const { value } = JSON.parse(await readFile(resultFile, "utf8")) as { value: string };
  const spent = (await budget())[authorizationId.toString()];
  say(`S's agent evaluated the formula with ${spent?.compare ?? 0} blinded comparisons and had the Auditor re-seal the masked result to Materials A (${spent?.reveal ?? 0} reveal)`);
  say(`Materials A's agent opened it: F = ${value} (37·2600 = 96200 and 150·3200 = 480000, so max 480000, capped at 150000); on chain only the sealed result's CID`);

  step("What each party learned");
  say("Materials A: its own 2600 and F; Chemicals B: its own 3200; Servicer S: ciphertexts and the comparison outcomes (the tier)");
  say("the Auditor: one blinded value per comparison, its sign hidden by a random ±, its size by r's random order of magnitude (the small leak left: README)");
  say("everyone: that Mallory's pseudonym reached tier 2, and the CIDs of ciphertexts no one but the Auditor can open");

  return {
    async chainRecord(): Promise<string[]> {
      const issued = await ledger.queryFilter(ledger.filters.PointsIssued());
      const [tierEvent] = await ledger.queryFilter(ledger.filters.TierPosted());
      const [formulaEvent] = await ledger.queryFilter(ledger.filters.FormulaResultPosted());
      return [
        `${issued.length} PointsIssued events (ciphertext CIDs and hashes, no amounts); block ${tierEvent?.blockNumber}: TierPosted(tier ${tierEvent?.args.tier}); block ${formulaEvent?.blockNumber}: FormulaResultPosted (a sealed result's CID)`,
      ];
    },
  };
}
