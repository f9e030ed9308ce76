import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openChainReader } from "./helpers/open-chain-reader.js";

const STATES = ["Pending", "Active", "Succeeded", "Defeated", "Executed", "Expired"];
const ACTIONS = ["none", "admit", "remove", "grant role", "revoke role"];

/** `consortium:members`: members with roles, keys and endpoints; registry proposals with their state. */
export default explainErrors(async function members(_args: Record<string, unknown>, hre: HardhatRuntimeEnvironment): Promise<void> {
  const { chain, connection, provider, chainId, deployment } = await openChainReader(hre);
  const { registry, ballot } = chain.connectConsortium({ deployment, runner: provider });
  const registryAddress = (await registry.getAddress()).toLowerCase();

  const accounts = await registry.members();
  console.log(`consortium on chain ${chainId}: registry ${registryAddress}, ballot ${await ballot.getAddress()}`);
  console.log(`${accounts.length} member(s):`);
  for (const account of accounts) {
    const m = await registry.member(account);
    const roles: string[] = [];
    for (const role of chain.ROLE_NAMES) {
      if (await registry.hasRole(chain.roleIdOf(role), account)) roles.push(role);
    }
    console.log(`- ${m.profile.name} ${account}`);
    console.log(`    roles:          ${roles.join(", ")}`);
    console.log(`    encryption key: ${m.profile.encryptionKey}`);
    console.log(`    peer id:        ${m.profile.peerId}`);
    console.log(`    multiaddrs:     ${m.profile.multiaddrs.join(", ") || "(none)"}`);
    if (m.profile.infoServerUrl !== "") console.log(`    info server:    ${m.profile.infoServerUrl}`);
    console.log(`    joined:         ${new Date(Number(m.joinedAt) * 1000).toISOString()}`);
  }

  const count = await ballot.proposalCount();
  const lines: string[] = [];
  for (let id = 1n; id <= count; id++) {
    const p = await ballot.proposal(id);
    if (p.proposer.toLowerCase() !== registryAddress) continue;
    const action = await registry.pendingAction(id);
    const state = STATES[Number(await ballot.state(id))];
    const subject = Number(action.kind) === 1 ? `'${action.profile.name}' (${action.account})` : action.account;
    const role = Number(action.kind) >= 3 ? ` ${chain.roleNameOf(action.role)}` : "";
    lines.push(
      `- #${id} ${ACTIONS[Number(action.kind)]}${role} ${subject}: ${state}, ${p.forVotes} for / ${p.againstVotes} against, quorum ${p.quorumVotes} of ${p.eligibleVoters}, voting ends ${new Date(Number(p.voteEnd) * 1000).toISOString()}`,
    );
  }
  console.log(lines.length === 0 ? "no membership proposals yet" : `membership proposals:\n${lines.join("\n")}`);
  await connection.close();
});
