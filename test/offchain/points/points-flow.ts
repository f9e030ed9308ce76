import { expect } from "chai";
import path from "node:path";

import { id } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { authorizeComputation, encodeOracleRequest, computeTierForAuthorization, createOracleService, evaluateFormulaForAuthorization, issuePoints, readFormulaResult, registerPointsKey, remoteOracle, POINTS_ORACLE_PROTOCOL, type PointsParty } from "../../../offchain/points/index.js";
import { ILoyaltyLedger__factory, type ILoyaltyLedger } from "../../../types/ethers-contracts/index.js";
import { pointsPartyOf, setUpExchangeWorld, type ExchangeWorld } from "../../helpers/exchange-world.js";

const MALLORY = id("consumer:mallory:demo-salt");
const formula = (a: bigint, b: bigint) => {
  const max = (x: bigint, y: bigint) => (x > y ? x : y);
  const min = (x: bigint, y: bigint) => (x < y ? x : y);
  return max(min(max(37n * a, 150n * b), 150_000n), 50_000n);
};

/**
 * The points part's protocol between real members (Hu et al. §2.3, §4) on the in-process chain:
 * brand (materials-a) and platform (chemicals-b) issue encrypted points, the data-encryption
 * platform (auditor) holds the Paillier key, authorises and answers blinded comparisons over
 * libp2p, the MPC platform (servicer-s) computes and posts. Asserts on what each party saw.
 */
describe("points flow: encrypted issuances, key holder's oracle over libp2p, MPC tier and formula (in-process chain, real Helia nodes)", function () {
  this.timeout(180_000);
  let connection: NetworkConnection;
  let world: ExchangeWorld;
  let ledger: ILoyaltyLedger;
  let keyId: bigint;
  let oracle: ReturnType<typeof createOracleService>;
  let stopOracle: () => Promise<void>;
  const party = (name: string): PointsParty => pointsPartyOf(world, name, { ledgerAddress: ledger.target as string });
  const authorize = async (kind: 1 | 2, issuanceIds: bigint[], requester: string) =>
    (await authorizeComputation({ party: party("auditor"), consumerId: MALLORY, kind: kind === 1 ? "tier" : "formula", issuanceIds, mpc: party("servicer-s").address, requester: party(requester).address, validForSeconds: 3_600n })).authorizationId;

  before(async function () {
    connection = await network.create();
    world = await setUpExchangeWorld(connection);
    const registry = await world.actors["auditor"]!.registry.getAddress();
    ledger = ILoyaltyLedger__factory.connect(await (await connection.ethers.deployContract("LoyaltyLedger", [registry])).getAddress(), connection.ethers.provider);
    ({ keyId } = await registerPointsKey({ party: party("auditor"), bits: 2048 }));
    oracle = createOracleService({ party: party("auditor"), recordSeen: true });
    stopOracle = oracle.serve();
  });

  after(async function () {
    await stopOracle?.();
    await world?.stop();
    await connection?.close();
  });

  it("Mallory: 2600 brand points + 3200 platform points → tier 2, and nobody but the issuers ever holds 2600, 3200 or 5800", async function () {
    const brand = await issuePoints({ party: party("materials-a"), consumerId: MALLORY, keyId, points: 2600n });
    const platform = await issuePoints({ party: party("chemicals-b"), consumerId: MALLORY, keyId, points: 3200n });
    const authorizationId = await authorize(1, [brand.issuanceId, platform.issuanceId], "materials-a");
    const result = await computeTierForAuthorization({ party: party("servicer-s"), authorizationId });
    expect([result.tier, result.comparisons, result.ciphertextsSent]).to.deep.equal([2, 3, 3]);
    expect(await ledger.currentTier(MALLORY)).to.equal(2n);
    // The key holder decrypted exactly three blinded values, none of them an amount or a distance to a threshold.
    const seen = oracle.seen().filter((s) => s.authorizationId === authorizationId);
    expect(seen.map((s) => s.kind)).to.deep.equal(["compare", "compare", "compare"]);
    const forbidden = [2600n, 3200n, 5800n, 5800n - 2000n, 5800n - 5000n, 5800n - 10000n];
    for (const { plaintext } of seen) for (const value of forbidden) expect(plaintext === value || plaintext === -value).to.equal(false);
    // The MPC platform holds no private key at all: its only view of the amounts is ciphertexts.
    const mpcFiles = party("servicer-s").directory;
    expect(await import("node:fs").then((fs) => fs.existsSync(path.join(mpcFiles, "keys")))).to.equal(false);
  });

  it("evaluates max(min(max(37A, 150B), 150000), 50000) and reveals it to the requester only", async function () {
    for (const [a, b] of [[1200n, 800n], [5000n, 10n], [0n, 0n], [9000n, 2000n]] as const) {
      const ia = await issuePoints({ party: party("materials-a"), consumerId: MALLORY, keyId, points: a });
      const ib = await issuePoints({ party: party("chemicals-b"), consumerId: MALLORY, keyId, points: b });
      const authorizationId = await authorize(2, [ia.issuanceId, ib.issuanceId], "materials-a");
      const evaluated = await evaluateFormulaForAuthorization({ party: party("servicer-s"), authorizationId });
      expect([evaluated.comparisons, evaluated.ciphertextsSent]).to.deep.equal([3, 4]);
      expect(await readFormulaResult({ party: party("materials-a"), authorizationId })).to.equal(formula(a, b));
      // Anyone else (the MPC platform included) cannot open the result.
      let refused: unknown;
      await readFormulaResult({ party: party("servicer-s"), authorizationId }).catch((error: unknown) => (refused = error));
      expect(refused, `${a}, ${b}`).to.be.instanceOf(Error);
      // What the key holder decrypted for the reveal is F + m mod n, not F.
      const reveal = oracle.seen().find((s) => s.authorizationId === authorizationId && s.kind === "reveal")!;
      expect(reveal.plaintext).to.not.equal(formula(a, b));
    }
  });

  it("refuses queries beyond the budget, from another peer, or for an authorisation that is not Active", async function () {
    const ia = await issuePoints({ party: party("materials-a"), consumerId: MALLORY, keyId, points: 10n });
    const authorizationId = await authorize(1, [ia.issuanceId], "materials-a");
    const { oracle: remote } = await remoteOracle({ party: party("servicer-s"), keyHolder: party("auditor").address, authorizationId });
    // 3 comparisons are allowed for a tier; the 4th is refused (the oracle cannot be used to search a value).
    const { encrypt } = await import("../../../offchain/crypto/index.js");
    const { fetchPointsPublicKey } = await import("../../../offchain/points/index.js");
    const publicKey = await fetchPointsPublicKey({ party: party("servicer-s"), keyId });
    for (let i = 0; i < 3; i++) await remote.answer({ ciphertext: encrypt({ publicKey, m: BigInt(i) }) });
    let refused: unknown;
    await Promise.resolve(remote.answer({ ciphertext: encrypt({ publicKey, m: 5n }) })).catch((error: unknown) => (refused = error));
    expect(String(refused)).to.match(/at most 3 compare quer\(ies\) for a tier computation/);

    // Another member's node asking about the MPC's authorisation is refused.
    const other = await issuePoints({ party: party("materials-a"), consumerId: MALLORY, keyId, points: 11n });
    const second = await authorize(1, [other.issuanceId], "materials-a");
    const intruder = world.actors["chemicals-b"]!.store;
    const multiaddrs = [...(await party("chemicals-b").registry.member(party("auditor").address)).profile.multiaddrs];
    let intruderError: unknown;
    await intruder
      .request(multiaddrs, POINTS_ORACLE_PROTOCOL, encodeOracleRequest({ authorizationId: second, kind: "compare", ciphertext: encrypt({ publicKey, m: 1n }) }), { timeoutMs: 5_000, maxResponseBytes: 65_536 })
      .catch((error: unknown) => (intruderError = error));
    expect(String(intruderError)).to.match(/expected a request from the authorised MPC's peer/);

    // A revoked authorisation is refused by the oracle and by the ledger.
    await (await party("auditor").ledger.revokeAuthorization(second)).wait();
    let revoked: unknown;
    await computeTierForAuthorization({ party: party("servicer-s"), authorizationId: second }).catch((error: unknown) => (revoked = error));
    expect(String(revoked)).to.match(/authorisation \d+: expected Active, got Revoked/);
  });
});
