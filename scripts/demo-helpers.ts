// Small pieces the demo's stories share.
import type { Provider } from "ethers";

import { connectConsortium, type Deployment, type Participant } from "../offchain/chain/index.js";

/** Polls `check` every 100 ms until it holds (agents act on their own schedule). */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`demo: ${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What every part's party needs from a demo company: address, signer, envelope key, node, registry. */
export function memberParty<S>({ company, provider, deployment }: { company: { participant: Participant; store: S }; provider: Provider; deployment: Pick<Deployment, "address"> }) {
  const signer = company.participant.wallet.connect(provider);
  return {
    address: company.participant.wallet.address,
    signer,
    encryptionPrivateKey: company.participant.encryptionKeyPair.privateKey,
    store: company.store,
    registry: connectConsortium({ deployment, runner: signer }).registry,
  };
}
