import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { id } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import PlatformModule from "../../../ignition/modules/Platform.js";
import { authorizeComputation, issuePoints, registerPointsKey, type PointsParty } from "../../../offchain/points/index.js";
import { pointsPartyOf, setUpExchangeWorld, type ExchangeWorld } from "../../helpers/exchange-world.js";

const MALLORY = id("sealedchain/points/consumer/mallory");

/** The points part carried by the four parties' agents (Platform deployed in-process): the key
 * holder's agent serves the oracle, the MPC's agent computes what it is authorised to and posts
 * it, the requester's agent opens the formula result. */
describe("points agents: key holder, MPC platform and requester agents carry Mallory's tier and a formula (in-process chain)", function () {
  this.timeout(180_000);
  let connection: NetworkConnection;
  let world: ExchangeWorld;
  const party = (name: string): PointsParty => pointsPartyOf(world, name);

  before(async function () {
    connection = await network.create();
    world = await setUpExchangeWorld(connection, { module: PlatformModule });
  });

  after(async function () {
    await world?.stop();
    await connection?.close();
  });

  it("posts Mallory's tier 2 and opens a formula result for the requester, all by the agents", async function () {
    const { keyId } = await registerPointsKey({ party: party("auditor"), bits: 2048 });
    for (const name of ["auditor", "servicer-s", "materials-a"]) await world.startAgent(name);
    const a = await issuePoints({ party: party("materials-a"), consumerId: MALLORY, keyId, points: 2600n });
    const b = await issuePoints({ party: party("chemicals-b"), consumerId: MALLORY, keyId, points: 3200n });
    const ledger = party("auditor").ledger;
    const authorize = (kind: "tier" | "formula") =>
      authorizeComputation({ party: party("auditor"), consumerId: MALLORY, kind, issuanceIds: [a.issuanceId, b.issuanceId], mpc: party("servicer-s").address, requester: party("materials-a").address, validForSeconds: 3_600n });
    await authorize("tier");
    await world.waitFor("Mallory's tier posted", async () => (await ledger.tierHistory(MALLORY)).length === 1);
    expect(await ledger.currentTier(MALLORY)).to.equal(2n);
    await authorize("formula");
    const file = path.join(party("materials-a").directory, "results", "2.json");
    await world.waitFor("the requester's formula result", async () => readFile(file).then(() => true, () => false));
    // F = max(min(max(37·2600, 150·3200), 150000), 50000) = max(min(480000, 150000), 50000) = 150000
    expect(JSON.parse(await readFile(file, "utf8"))).to.include({ authorizationId: "2", value: "150000" });
    expect(world.lines.join("\n")).to.match(/\[servicer-s\] authorisation #1: tier 2 computed under encryption \(3 blinded comparisons\)/);
  });
});
