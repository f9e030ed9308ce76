import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { ZeroAddress, ZeroHash, getBytes, id, keccak256, toUtf8Bytes, type ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import PointsModule from "../../../ignition/modules/Points.js";
import { add, decrypt, encrypt, encryptTo, openEnvelope, publicKeyToJson, type PaillierPrivateKey } from "../../../offchain/crypto/index.js";
import { encodeDocument } from "../../../offchain/document-reader.js";
import type { LoyaltyLedger } from "../../../types/ethers-contracts/index.js";
import { makeProfile, passProposal, roleId, type TestProfile } from "../../helpers/consortium.js";
import { testKey } from "../../helpers/paillier-keys.js";

const connection = await network.create();
const { ethers, ignition, networkHelpers } = connection;
const { time } = networkHelpers;

// ILoyaltyLedger constants and AuthorizationState
const TIER = 1;
const FORMULA = 2;
const ACTIVE = 1n;
const USED = 2n;
const REVOKED = 3n;
const HOUR = 3_600;
const MALLORY = id("salt:7f3a|brand-member-account:mallory"); // opaque, never a name
const OTHER_CONSUMER = id("salt:91c2|brand-member-account:someone-else");
const RESULT_CONTEXT = "sealedchain/points/formula-result";

/** Founders: 0 brand, 1 e-commerce platform, 2 data-encryption platform (key holder),
 * 3 MPC platform (MPC), 4 second MPC platform (MPC), 5 a plain member; signer 6 is an outsider. */
async function pointsFixture() {
  const signers = await ethers.getSigners();
  const names = ["Brand", "Platform", "Key holder", "MPC", "MPC 2", "Member"];
  const profiles: TestProfile[] = names.map(makeProfile);
  const founders = names.map((_, i) => ({
    account: signers[i]!.address,
    profile: profiles[i]!.profile,
    roles: i === 3 || i === 4 ? [roleId("MPC")] : [],
  }));
  const deployed = await ignition.deploy(PointsModule, { parameters: { Consortium: { founders } } });
  const ledger = await ethers.getContractAt("LoyaltyLedger", await deployed.loyaltyLedger.getAddress());
  const registry = await ethers.getContractAt("ConsortiumRegistry", await deployed.registry.getAddress());
  const ballot = await ethers.getContractAt("Ballot", await deployed.ballot.getAddress());
  const [brand, platform, keyHolder, mpc, mpc2, member, outsider] = signers as [HardhatEthersSigner, ...HardhatEthersSigner[]];
  return {
    ledger, registry, ballot, profiles, members: signers.slice(0, 6),
    brand, platform: platform!, keyHolder: keyHolder!, mpc: mpc!, mpc2: mpc2!, member: member!, outsider: outsider!,
  };
}

/** The key holder has registered the n256 test key as key 1. */
async function keyFixture() {
  const f = await pointsFixture();
  const paillier = testKey("n256");
  const keyDoc = encodeDocument(publicKeyToJson({ publicKey: paillier.publicKey }));
  await sent("registerKeyHolder", f.ledger.connect(f.keyHolder).registerKeyHolder("bafkpaillierkey1", keccak256(keyDoc)));
  return { ...f, paillier, keyId: 1n };
}

/** Brand and platform each issued one amount to Mallory (issuances 1, 2), brand one to someone else (3). */
async function issuedFixture() {
  const f = await keyFixture();
  await issue(f, f.brand, MALLORY, 2_600n);
  await issue(f, f.platform, MALLORY, 3_200n);
  await issue(f, f.brand, OTHER_CONSUMER, 1_000n);
  return f;
}

/** Authorisation 1: tier over Mallory's issuances 1, 2 for the MPC platform, one hour. */
async function authorizedFixture() {
  const f = await issuedFixture();
  const expiresAt = BigInt(await time.latest()) + BigInt(HOUR);
  await f.ledger.connect(f.keyHolder).authorizeComputation(MALLORY, TIER, [1n, 2n], f.mpc.address, f.brand.address, expiresAt);
  return { ...f, authId: 1n, expiresAt };
}

// Gas used by each write function, from receipts; printed at the end, never asserted.
const gas = new Map<string, bigint[]>();
async function sent(label: string, tx: Promise<ContractTransactionResponse>) {
  const receipt = (await (await tx).wait())!;
  gas.set(label, [...(gas.get(label) ?? []), receipt.gasUsed]);
  return receipt;
}

/** The ciphertext document an issuer stores off chain; only its hash goes on chain. */
function ciphertextDocument(keyId: bigint, c: bigint) {
  return encodeDocument({ scheme: "paillier-g=n+1", keyId: keyId.toString(), c: c.toString(10) });
}

async function issue(f: { ledger: LoyaltyLedger; paillier: PaillierPrivateKey; keyId: bigint }, issuer: HardhatEthersSigner, consumer: string, points: bigint, keyId = f.keyId) {
  const c = encrypt({ publicKey: f.paillier.publicKey, m: points });
  const doc = ciphertextDocument(keyId, c);
  await sent("issuePoints", f.ledger.connect(issuer).issuePoints(consumer, keyId, `bafkct${keccak256(doc).slice(2, 14)}`, keccak256(doc)));
  return c;
}

/** Every custom error a test expected; the last test checks that none of the ABI's is missing. */
const expectedErrors = new Set<string>();
function reverts(ledger: LoyaltyLedger, tx: Promise<unknown>, error: string) {
  expectedErrors.add(error);
  return expect(tx).to.be.revertedWithCustomError(ledger, error);
}

async function later(seconds: number) {
  return BigInt(await time.latest()) + BigInt(seconds);
}

describe("LoyaltyLedger", function () {
  it("deploys through the Points module on the SealedChain registry, thresholds 2000/5000/10000", async function () {
    const { ledger, registry } = await networkHelpers.loadFixture(pointsFixture);
    expect(await ledger.registry()).to.equal(await registry.getAddress());
    expect(await ledger.tierThresholds()).to.deep.equal([2_000n, 5_000n, 10_000n]);
    expect([await ledger.KIND_TIER(), await ledger.KIND_FORMULA(), await ledger.MAX_TIER()]).to.deep.equal([1n, 2n, 3n]);
    expect([await ledger.keyCount(), await ledger.issuanceCount(), await ledger.authorizationCount()]).to.deep.equal([0n, 0n, 0n]);
  });

  describe("keys", function () {
    it("a member registers a key, then replaces it with a new numbered key", async function () {
      const { ledger, keyHolder } = await networkHelpers.loadFixture(pointsFixture);
      const h1 = id("key doc 1");
      await expect(ledger.connect(keyHolder).registerKeyHolder("bafkkey1", h1))
        .to.emit(ledger, "KeyRegistered")
        .withArgs(1n, keyHolder.address, 0n, "bafkkey1", h1);
      const registeredAt = BigInt(await time.latest());
      await sent("registerKeyHolder (replace)", ledger.connect(keyHolder).registerKeyHolder("bafkkey2", id("key doc 2")));
      const k1 = await ledger.key(1n);
      expect([k1.holder, k1.registeredAt, k1.replacedBy, k1.keyCid, k1.keyHash]).to.deep.equal([keyHolder.address, registeredAt, 2n, "bafkkey1", h1]);
      expect((await ledger.key(2n)).replacedBy).to.equal(0n);
      expect(await ledger.currentKeyOf(keyHolder.address)).to.equal(2n);
      expect(await ledger.currentKeyOf(ZeroAddress)).to.equal(0n);
      expect(await ledger.keyCount()).to.equal(2n);
    });

    it("refuses outsiders, empty CIDs, zero hashes and unknown key ids", async function () {
      const { ledger, keyHolder, outsider } = await networkHelpers.loadFixture(pointsFixture);
      await reverts(ledger, ledger.connect(outsider).registerKeyHolder("bafkkey", id("k")), "LoyaltyNotMember").withArgs(outsider.address);
      await reverts(ledger, ledger.connect(keyHolder).registerKeyHolder("", id("k")), "LoyaltyEmptyCid");
      await reverts(ledger, ledger.connect(keyHolder).registerKeyHolder("bafkkey", ZeroHash), "LoyaltyZeroHash");
      await reverts(ledger, ledger.key(1n), "LoyaltyUnknownKey").withArgs(1n);
      await reverts(ledger, ledger.key(0n), "LoyaltyUnknownKey").withArgs(0n);
    });
  });

  describe("issuances", function () {
    it("records encrypted amounts with issuer, key and time; issuancesOf lists them per consumer", async function () {
      const f = await networkHelpers.loadFixture(keyFixture);
      const c = encrypt({ publicKey: f.paillier.publicKey, m: 2_600n });
      const doc = ciphertextDocument(1n, c);
      await expect(f.ledger.connect(f.brand).issuePoints(MALLORY, 1n, "bafkct1", keccak256(doc)))
        .to.emit(f.ledger, "PointsIssued")
        .withArgs(1n, MALLORY, f.brand.address, 1n, "bafkct1", keccak256(doc));
      const i = await f.ledger.issuance(1n);
      expect([i.consumerId, i.issuer, i.keyId, i.issuedAt, i.ciphertextCid, i.ciphertextHash]).to.deep.equal([
        MALLORY, f.brand.address, 1n, BigInt(await time.latest()), "bafkct1", keccak256(doc),
      ]);
      await issue(f, f.platform, OTHER_CONSUMER, 10n);
      await issue(f, f.platform, MALLORY, 3_200n);
      expect(await f.ledger.issuancesOf(MALLORY)).to.deep.equal([1n, 3n]);
      expect(await f.ledger.issuancesOf(OTHER_CONSUMER)).to.deep.equal([2n]);
      expect(await f.ledger.issuancesOf(id("nobody"))).to.deep.equal([]);
    });

    it("refuses outsiders, a zero consumer, unknown or replaced keys, empty CIDs and zero hashes", async function () {
      const { ledger, brand, keyHolder, outsider } = await networkHelpers.loadFixture(keyFixture);
      const b = ledger.connect(brand);
      await reverts(ledger, ledger.connect(outsider).issuePoints(MALLORY, 1n, "bafkct", id("c")), "LoyaltyNotMember").withArgs(outsider.address);
      await reverts(ledger, b.issuePoints(ZeroHash, 1n, "bafkct", id("c")), "LoyaltyZeroConsumer");
      await reverts(ledger, b.issuePoints(MALLORY, 2n, "bafkct", id("c")), "LoyaltyUnknownKey").withArgs(2n);
      await reverts(ledger, b.issuePoints(MALLORY, 1n, "", id("c")), "LoyaltyEmptyCid");
      await reverts(ledger, b.issuePoints(MALLORY, 1n, "bafkct", ZeroHash), "LoyaltyZeroHash");
      await ledger.connect(keyHolder).registerKeyHolder("bafkkey2", id("key 2"));
      await reverts(ledger, b.issuePoints(MALLORY, 1n, "bafkct", id("c")), "LoyaltyKeyReplaced").withArgs(1n, 2n);
      await reverts(ledger, ledger.issuance(1n), "LoyaltyUnknownIssuance").withArgs(1n);
      expect(await ledger.issuanceCount()).to.equal(0n);
    });
  });

  describe("Mallory's case study (Hu et al. 2.3)", function () {
    it("brand and platform issue, the key holder authorises over both, the MPC platform posts tier 2", async function () {
      const f = await networkHelpers.loadFixture(keyFixture);
      // Steps 1-6: 2600 points from the brand store, 3200 from the platform, each encrypted.
      const brandCt = await issue(f, f.brand, MALLORY, 2_600n);
      const platformCt = await issue(f, f.platform, MALLORY, 3_200n);
      const ids = await f.ledger.issuancesOf(MALLORY);
      expect(ids).to.deep.equal([1n, 2n]);

      // Step 4: the data-encryption platform authorises the MPC platform's tier computation.
      const expiresAt = await later(HOUR);
      const authorize = f.ledger.connect(f.keyHolder).authorizeComputation(MALLORY, TIER, [...ids], f.mpc.address, f.brand.address, expiresAt);
      await expect(authorize)
        .to.emit(f.ledger, "ComputationAuthorized")
        .withArgs(1n, MALLORY, f.mpc.address, TIER, 1n, f.brand.address, expiresAt, [1n, 2n]);
      await sent("authorizeComputation (tier, 2 issuances)", authorize);
      const a = await f.ledger.authorization(1n);
      expect([a.consumerId, a.kind, a.state, a.keyHolder, a.keyId, a.mpc, a.requester, a.expiresAt, a.usedAt, [...a.issuanceIds]]).to.deep.equal([
        MALLORY, 1n, ACTIVE, f.keyHolder.address, 1n, f.mpc.address, f.brand.address, expiresAt, 0n, [1n, 2n],
      ]);

      // Step 7: cumulate under encryption and compare with 2000, 5000, 10000. The comparison
      // protocol is off chain; here the key holder's decryption of the sum stands in for it.
      const sum = add({ publicKey: f.paillier.publicKey, a: brandCt, b: platformCt });
      const thresholds = await f.ledger.tierThresholds();
      const tier = thresholds.filter((t) => decrypt({ privateKey: f.paillier, c: sum }) >= t).length;
      expect(tier).to.equal(2);
      const evidence = encodeDocument({ authorizationId: "1", sum: sum.toString(10), comparisons: ["ge", "ge", "lt"] });

      // Steps 8-10: the tier is posted and Mallory's membership level is updated.
      await sent("postTier", f.ledger.connect(f.mpc).postTier(1n, tier, "bafkevidence", keccak256(evidence)));
      const postedAt = BigInt(await time.latest());
      expect(await f.ledger.currentTier(MALLORY)).to.equal(2n);
      const history = await f.ledger.tierHistory(MALLORY);
      expect(history.map((r) => [r.tier, r.authorizationId, r.postedAt, r.evidenceCid, r.evidenceHash])).to.deep.equal([
        [2n, 1n, postedAt, "bafkevidence", keccak256(evidence)],
      ]);
      const used = await f.ledger.authorization(1n);
      expect([used.state, used.usedAt]).to.deep.equal([USED, postedAt]);
      expect(await f.ledger.currentTier(OTHER_CONSUMER)).to.equal(0n);
      expect(await f.ledger.tierHistory(OTHER_CONSUMER)).to.deep.equal([]);
    });

    it("a later authorisation appends to the history and moves the current tier", async function () {
      const f = await networkHelpers.loadFixture(authorizedFixture);
      await expect(f.ledger.connect(f.mpc).postTier(f.authId, 2, "bafkev1", id("ev1")))
        .to.emit(f.ledger, "TierPosted")
        .withArgs(f.authId, MALLORY, f.mpc.address, 2, "bafkev1", id("ev1"));
      await issue(f, f.brand, MALLORY, 5_000n);
      await f.ledger.connect(f.keyHolder).authorizeComputation(MALLORY, TIER, [1n, 2n, 4n], f.mpc2.address, f.platform.address, await later(HOUR));
      await f.ledger.connect(f.mpc2).postTier(2n, 3, "bafkev2", id("ev2"));
      expect(await f.ledger.currentTier(MALLORY)).to.equal(3n);
      expect((await f.ledger.tierHistory(MALLORY)).map((r) => [r.tier, r.authorizationId])).to.deep.equal([[2n, 1n], [3n, 2n]]);
    });
  });

  describe("formula results", function () {
    it("the MPC platform posts a result encrypted to the requester, who alone can open it", async function () {
      const f = await networkHelpers.loadFixture(issuedFixture);
      await sent(
        "authorizeComputation (formula, 2 issuances)",
        f.ledger.connect(f.keyHolder).authorizeComputation(MALLORY, FORMULA, [1n, 2n], f.mpc.address, f.platform.address, await later(HOUR)),
      );
      // F(A, B) = max(min(max(37A, 150B), 150000), 50000) (section 4.1), A = 2600, B = 3200.
      const value = Math.max(Math.min(Math.max(37 * 2_600, 150 * 3_200), 150_000), 50_000);
      const requesterKey = f.profiles[1]!.encryptionKey;
      const envelope = encryptTo({
        recipientPublicKey: getBytes(requesterKey.compressedPublicKey),
        plaintext: toUtf8Bytes(String(value)),
        context: RESULT_CONTEXT,
      });
      await expect(sent("postFormulaResult", f.ledger.connect(f.mpc).postFormulaResult(1n, "bafkresult", keccak256(envelope))))
        .to.emit(f.ledger, "FormulaResultPosted")
        .withArgs(1n, MALLORY, f.platform.address, f.mpc.address, "bafkresult", keccak256(envelope));
      const r = await f.ledger.formulaResult(1n);
      expect([r.postedAt, r.resultCid, r.resultHash]).to.deep.equal([BigInt(await time.latest()), "bafkresult", keccak256(envelope)]);
      expect((await f.ledger.authorization(1n)).state).to.equal(USED);
      expect(await f.ledger.tierHistory(MALLORY)).to.deep.equal([]);
      const opened = openEnvelope({ privateKey: getBytes(requesterKey.privateKey), envelope, context: RESULT_CONTEXT });
      expect(new TextDecoder().decode(opened)).to.equal("150000");
      expect(() => openEnvelope({ privateKey: getBytes(f.profiles[0]!.encryptionKey.privateKey), envelope, context: RESULT_CONTEXT })).to.throw();
      expect((await f.ledger.formulaResult(2n)).postedAt).to.equal(0n);
    });
  });

  describe("authorisations", function () {
    it("issuances under two different keys cannot be combined in one authorisation", async function () {
      const f = await networkHelpers.loadFixture(keyFixture);
      await issue(f, f.brand, MALLORY, 2_600n); // 1, key 1
      await f.ledger.connect(f.keyHolder).registerKeyHolder("bafkpaillierkey2", id("key 2")); // key 2 replaces key 1
      await issue(f, f.platform, MALLORY, 3_200n, 2n); // 2, key 2
      await f.ledger.connect(f.member).registerKeyHolder("bafkotherkey", id("other holder's key")); // key 3
      await issue(f, f.platform, MALLORY, 100n, 3n); // 3, key 3 of another holder
      const k = f.ledger.connect(f.keyHolder);
      const expiresAt = await later(HOUR);
      await reverts(f.ledger, k.authorizeComputation(MALLORY, TIER, [1n, 2n], f.mpc.address, f.brand.address, expiresAt), "LoyaltyMixedKeys").withArgs(2n, 2n, 1n);
      await reverts(f.ledger, k.authorizeComputation(MALLORY, TIER, [2n, 3n], f.mpc.address, f.brand.address, expiresAt), "LoyaltyMixedKeys").withArgs(3n, 3n, 2n);
      await reverts(f.ledger, k.authorizeComputation(MALLORY, TIER, [3n], f.mpc.address, f.brand.address, expiresAt), "LoyaltyNotKeyHolder")
        .withArgs(3n, f.member.address, f.keyHolder.address);
      // Each key on its own is fine, the replaced one included.
      await k.authorizeComputation(MALLORY, TIER, [1n], f.mpc.address, f.brand.address, expiresAt);
      await k.authorizeComputation(MALLORY, TIER, [2n], f.mpc.address, f.brand.address, expiresAt);
      expect([(await f.ledger.authorization(1n)).keyId, (await f.ledger.authorization(2n)).keyId]).to.deep.equal([1n, 2n]);
    });

    it("refuses bad callers, kinds, expiries, MPCs, requesters and issuance lists", async function () {
      const f = await networkHelpers.loadFixture(issuedFixture);
      const k = f.ledger.connect(f.keyHolder);
      const mpc = f.mpc.address;
      const req = f.brand.address;
      const exp = await later(HOUR);
      const l = f.ledger;
      await reverts(l, l.connect(f.outsider).authorizeComputation(MALLORY, TIER, [1n], mpc, req, exp), "LoyaltyNotMember").withArgs(f.outsider.address);
      await reverts(l, l.connect(f.brand).authorizeComputation(MALLORY, TIER, [1n], mpc, req, exp), "LoyaltyNotKeyHolder").withArgs(1n, f.keyHolder.address, f.brand.address);
      for (const kind of [0, 3, 255]) await reverts(l, k.authorizeComputation(MALLORY, kind, [1n], mpc, req, exp), "LoyaltyInvalidKind").withArgs(kind);
      const at = await later(5);
      await time.setNextBlockTimestamp(at);
      await reverts(l, k.authorizeComputation(MALLORY, TIER, [1n], mpc, req, at), "LoyaltyExpiryNotInFuture").withArgs(at, at);
      await reverts(l, k.authorizeComputation(MALLORY, TIER, [1n], mpc, req, 0n), "LoyaltyExpiryNotInFuture");
      await reverts(l, k.authorizeComputation(MALLORY, TIER, [1n], f.member.address, req, exp), "LoyaltyNotMpc").withArgs(f.member.address);
      await reverts(l, k.authorizeComputation(MALLORY, TIER, [1n], ZeroAddress, req, exp), "LoyaltyNotMpc").withArgs(ZeroAddress);
      await reverts(l, k.authorizeComputation(MALLORY, TIER, [1n], mpc, f.outsider.address, exp), "LoyaltyNotMember").withArgs(f.outsider.address);
      await reverts(l, k.authorizeComputation(MALLORY, TIER, [], mpc, req, exp), "LoyaltyNoIssuances");
      const tooMany = Array.from({ length: 65 }, (_, i) => BigInt(i + 1));
      await reverts(l, k.authorizeComputation(MALLORY, TIER, tooMany, mpc, req, exp), "LoyaltyTooManyIssuances").withArgs(65n, 64n);
      await reverts(l, k.authorizeComputation(MALLORY, TIER, [1n, 9n], mpc, req, exp), "LoyaltyUnknownIssuance").withArgs(9n);
      await reverts(l, k.authorizeComputation(MALLORY, TIER, [0n], mpc, req, exp), "LoyaltyUnknownIssuance").withArgs(0n);
      await reverts(l, k.authorizeComputation(MALLORY, TIER, [2n, 1n], mpc, req, exp), "LoyaltyIssuancesNotAscending").withArgs(2n, 1n);
      await reverts(l, k.authorizeComputation(MALLORY, TIER, [1n, 1n], mpc, req, exp), "LoyaltyIssuancesNotAscending").withArgs(1n, 1n);
      await reverts(l, k.authorizeComputation(MALLORY, TIER, [1n, 2n, 3n], mpc, req, exp), "LoyaltyOtherConsumer").withArgs(3n, OTHER_CONSUMER);
      expect(await l.authorizationCount()).to.equal(0n);
      await reverts(l, l.authorization(1n), "LoyaltyUnknownAuthorization").withArgs(1n);
    });

    it("the key holder revokes an unused authorisation; nobody else can, and it cannot be used after", async function () {
      const f = await networkHelpers.loadFixture(authorizedFixture);
      await reverts(f.ledger, f.ledger.connect(f.brand).revokeAuthorization(f.authId), "LoyaltyNotKeyHolder").withArgs(1n, f.keyHolder.address, f.brand.address);
      await reverts(f.ledger, f.ledger.connect(f.keyHolder).revokeAuthorization(7n), "LoyaltyUnknownAuthorization").withArgs(7n);
      await sent("revokeAuthorization", f.ledger.connect(f.keyHolder).revokeAuthorization(f.authId));
      expect((await f.ledger.authorization(f.authId)).state).to.equal(REVOKED);
      await reverts(f.ledger, f.ledger.connect(f.keyHolder).revokeAuthorization(f.authId), "LoyaltyAuthorizationRevoked").withArgs(f.authId);
      await reverts(f.ledger, f.ledger.connect(f.mpc).postTier(f.authId, 2, "bafkev", id("ev")), "LoyaltyAuthorizationRevoked").withArgs(f.authId);
      expect(await f.ledger.tierHistory(MALLORY)).to.deep.equal([]);
    });

    it("emits AuthorizationRevoked", async function () {
      const f = await networkHelpers.loadFixture(authorizedFixture);
      await expect(f.ledger.connect(f.keyHolder).revokeAuthorization(f.authId))
        .to.emit(f.ledger, "AuthorizationRevoked")
        .withArgs(f.authId, f.keyHolder.address);
    });
  });

  describe("posting", function () {
    it("refuses unknown ids, other posters, wrong kinds, bad tiers and evidence, expiry and reuse", async function () {
      const f = await networkHelpers.loadFixture(authorizedFixture);
      const l = f.ledger;
      const m = l.connect(f.mpc);
      await reverts(l, m.postTier(2n, 2, "bafkev", id("ev")), "LoyaltyUnknownAuthorization").withArgs(2n);
      await reverts(l, m.postFormulaResult(0n, "bafkres", id("res")), "LoyaltyUnknownAuthorization").withArgs(0n);
      for (const poster of [f.mpc2, f.keyHolder, f.brand, f.outsider]) {
        await reverts(l, l.connect(poster).postTier(f.authId, 2, "bafkev", id("ev")), "LoyaltyNotAuthorizedMpc").withArgs(f.authId, f.mpc.address, poster.address);
      }
      await reverts(l, m.postFormulaResult(f.authId, "bafkres", id("res")), "LoyaltyWrongKind").withArgs(f.authId, TIER, FORMULA);
      for (const tier of [4, 5, 255]) await reverts(l, m.postTier(f.authId, tier, "bafkev", id("ev")), "LoyaltyInvalidTier").withArgs(tier);
      await reverts(l, m.postTier(f.authId, 2, "", id("ev")), "LoyaltyEmptyCid");
      await reverts(l, m.postTier(f.authId, 2, "bafkev", ZeroHash), "LoyaltyZeroHash");
      await m.postTier(f.authId, 0, "bafkev", id("ev"));
      await reverts(l, m.postTier(f.authId, 1, "bafkev", id("ev")), "LoyaltyAuthorizationUsed").withArgs(f.authId);
      await reverts(l, l.connect(f.keyHolder).revokeAuthorization(f.authId), "LoyaltyAuthorizationUsed").withArgs(f.authId);
      expect(await l.currentTier(MALLORY)).to.equal(0n);
      expect((await l.tierHistory(MALLORY)).length).to.equal(1);
    });

    it("refuses a formula result with an empty CID or zero hash, or posted twice, or to a tier authorisation", async function () {
      const f = await networkHelpers.loadFixture(issuedFixture);
      await f.ledger.connect(f.keyHolder).authorizeComputation(MALLORY, FORMULA, [1n, 2n], f.mpc.address, f.brand.address, await later(HOUR));
      const m = f.ledger.connect(f.mpc);
      await reverts(f.ledger, m.postTier(1n, 2, "bafkev", id("ev")), "LoyaltyWrongKind").withArgs(1n, FORMULA, TIER);
      await reverts(f.ledger, m.postFormulaResult(1n, "", id("res")), "LoyaltyEmptyCid");
      await reverts(f.ledger, m.postFormulaResult(1n, "bafkres", ZeroHash), "LoyaltyZeroHash");
      await reverts(f.ledger, f.ledger.connect(f.mpc2).postFormulaResult(1n, "bafkres", id("res")), "LoyaltyNotAuthorizedMpc").withArgs(1n, f.mpc.address, f.mpc2.address);
      await m.postFormulaResult(1n, "bafkres", id("res"));
      await reverts(f.ledger, m.postFormulaResult(1n, "bafkres2", id("res2")), "LoyaltyAuthorizationUsed").withArgs(1n);
      expect((await f.ledger.formulaResult(1n)).resultCid).to.equal("bafkres");
    });

    it("accepts a post one second before expiry and refuses one at expiry", async function () {
      const f = await networkHelpers.loadFixture(authorizedFixture);
      await time.setNextBlockTimestamp(f.expiresAt);
      await reverts(f.ledger, f.ledger.connect(f.mpc).postTier(f.authId, 2, "bafkev", id("ev")), "LoyaltyAuthorizationExpired").withArgs(f.authId, f.expiresAt);
      const g = await networkHelpers.loadFixture(authorizedFixture);
      await time.setNextBlockTimestamp(g.expiresAt - 1n);
      await g.ledger.connect(g.mpc).postTier(g.authId, 2, "bafkev", id("ev"));
      expect(await g.ledger.currentTier(MALLORY)).to.equal(2n);
    });

    it("an MPC platform whose MPC role was revoked by ballot can no longer post", async function () {
      const f = await networkHelpers.loadFixture(authorizedFixture);
      const proposalId = await f.registry.connect(f.brand).proposeRoleRevoke.staticCall(roleId("MPC"), f.mpc.address);
      await f.registry.connect(f.brand).proposeRoleRevoke(roleId("MPC"), f.mpc.address);
      await passProposal(f.ballot, proposalId, f.members.slice(0, 4));
      expect(await f.registry.hasRole(roleId("MPC"), f.mpc.address)).to.equal(false);
      await reverts(f.ledger, f.ledger.connect(f.mpc).postTier(f.authId, 2, "bafkev", id("ev")), "LoyaltyNotMpc").withArgs(f.mpc.address);
    });
  });

  // Mocha runs a suite's own tests before its child suites: these must sit in the last child.
  describe("summary", function () {
    it("every custom error of the ABI was expected by some test above", async function () {
      const { ledger } = await networkHelpers.loadFixture(pointsFixture);
      const abiErrors: string[] = [];
      ledger.interface.forEachError((e) => abiErrors.push(e.name));
      expect(abiErrors.length).to.be.greaterThan(20);
      expect(abiErrors.filter((name) => !expectedErrors.has(name))).to.deep.equal([]);
    });

    it("prints bytecode size and gas per write function (information, not asserted)", async function () {
      const { ledger } = await networkHelpers.loadFixture(pointsFixture);
      const runtime = (await ethers.provider.getCode(await ledger.getAddress())).length / 2 - 1;
      const factory = await ethers.getContractFactory("LoyaltyLedger");
      const initcode = (factory.bytecode.length - 2) / 2;
      console.log(`      LoyaltyLedger runtime bytecode ${runtime} bytes (limit 24576), initcode ${initcode} bytes`);
      for (const [label, used] of gas) {
        const [min, max] = [used.reduce((a, b) => (b < a ? b : a)), used.reduce((a, b) => (b > a ? b : a))];
        console.log(`      ${label}: ${min === max ? min : `${min}..${max}`} gas (${used.length} calls)`);
      }
    });
  });
});
