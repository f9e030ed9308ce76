import { expect } from "chai";
import { Signature, TypedDataEncoder, Wallet, ZeroAddress, ZeroHash, id } from "ethers";
import { network } from "hardhat";

import {
  DATA_ENTRY_TYPES,
  recoverDataEntrySigner,
  signDataEntry,
} from "../../../offchain/exchange/data-entry-signature.js";
import {
  approvedDevice,
  certifiedEntry,
  deployExchange,
  entryFields,
  signedSubmission,
  submitEntry,
} from "../../helpers/exchange.js";

// IDataRegistry.EntryState
const NONE = 0n;
const PENDING = 1n;
const CERTIFIED = 2n;
const REJECTED = 3n;
// secp256k1 group order
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

async function deviceFixture() {
  const f = await deployExchange(connection);
  const device = await approvedDevice(f, f.source);
  return { ...f, device };
}

describe("DataRegistry", function () {
  describe("EIP-712", function () {
    it("digests match the off-chain typed data, and the off-chain helpers round-trip", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const fields = await entryFields(f, "digest");
      expect(await f.dataRegistry.dataEntryDigest(fields.fingerprint, fields.metadataHash, fields.producedAt)).to.equal(
        TypedDataEncoder.hash(f.domain, DATA_ENTRY_TYPES, fields),
      );
      const domain = await f.dataRegistry.eip712Domain();
      expect(domain.name).to.equal("SealedChain DataRegistry");
      expect(domain.version).to.equal("1");
      const signature = await signDataEntry({ signer: f.device, domain: f.domain, fields });
      expect(recoverDataEntrySigner({ domain: f.domain, fields, signature })).to.equal(f.device.address);
      // Any other field, or another deployment, recovers someone else.
      const other = { ...fields, producedAt: BigInt(fields.producedAt) + 1n };
      expect(recoverDataEntrySigner({ domain: f.domain, fields: other, signature })).to.not.equal(f.device.address);
      const elsewhere = { ...f.domain, verifyingContract: await f.market.getAddress() };
      expect(recoverDataEntrySigner({ domain: elsewhere, fields, signature })).to.not.equal(f.device.address);
      expect(await f.dataRegistry.registry()).to.equal(await f.registry.getAddress());
    });
  });

  describe("submit", function () {
    it("records a Pending entry signed by the submitter's approved device", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const s = await signedSubmission(f, f.device, await entryFields(f, "a"));
      await expect(f.dataRegistry.connect(f.source).submit(s))
        .to.emit(f.dataRegistry, "DataSubmitted")
        .withArgs(1n, f.source.address, f.device.address, s.fingerprint, s.cid, 0n);
      const e = await f.dataRegistry.entry(1n);
      expect(e.submitter).to.equal(f.source.address);
      expect(e.device).to.equal(f.device.address);
      expect(e.fingerprint).to.equal(s.fingerprint);
      expect(e.metadataHash).to.equal(s.metadataHash);
      expect(e.producedAt).to.equal(s.producedAt);
      expect(e.submittedAt).to.equal(BigInt(await time.latest()));
      expect(e.state).to.equal(PENDING);
      expect([e.validatedAt, e.validator, e.resubmits, e.resubmittedBy]).to.deep.equal([0n, ZeroAddress, 0n, 0n]);
      expect([e.cid, e.certificateCid, e.rejectionReason]).to.deep.equal([s.cid, "", ""]);
      expect(await f.dataRegistry.entryCount()).to.equal(1n);
      expect(await f.dataRegistry.history(1n)).to.deep.equal([1n]);
    });

    it("accepts data produced exactly now", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const next = (await time.latest()) + 10;
      const s = await signedSubmission(f, f.device, { ...(await entryFields(f, "now")), producedAt: BigInt(next) });
      await time.setNextBlockTimestamp(next);
      await f.dataRegistry.connect(f.source).submit(s);
      expect(await f.dataRegistry.entryState(1n)).to.equal(PENDING);
    });

    it("rejects a caller that is not a member", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const outsider = f.outsiders[0]!;
      const s = await signedSubmission(f, f.device, await entryFields(f, "a"));
      await expect(f.dataRegistry.connect(outsider).submit(s))
        .to.be.revertedWithCustomError(f.dataRegistry, "DataNotMember")
        .withArgs(outsider.address);
    });

    it("rejects an empty fingerprint, an empty CID and data produced in the future", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const fields = await entryFields(f, "a");
      const noFingerprint = await signedSubmission(f, f.device, { ...fields, fingerprint: ZeroHash });
      await expect(f.dataRegistry.connect(f.source).submit(noFingerprint)).to.be.revertedWithCustomError(
        f.dataRegistry,
        "DataEmptyFingerprint",
      );
      const noCid = await signedSubmission(f, f.device, fields, { cid: "" });
      await expect(f.dataRegistry.connect(f.source).submit(noCid)).to.be.revertedWithCustomError(f.dataRegistry, "DataEmptyCid");

      const next = (await time.latest()) + 10;
      const skew = Number(await f.dataRegistry.MAX_CLOCK_SKEW());
      const future = await signedSubmission(f, f.device, { ...fields, producedAt: BigInt(next + skew + 1) });
      await time.setNextBlockTimestamp(next);
      await expect(f.dataRegistry.connect(f.source).submit(future))
        .to.be.revertedWithCustomError(f.dataRegistry, "DataProducedInFuture")
        .withArgs(next + skew + 1, next + skew);
    });

    it("rejects an unknown, unapproved or revoked device", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const fields = await entryFields(f, "a");
      const unknown = Wallet.createRandom();
      const registered = Wallet.createRandom();
      await f.registry.connect(f.source).registerDevice(registered.address, id("registered only"));
      for (const device of [unknown, registered]) {
        await expect(f.dataRegistry.connect(f.source).submit(await signedSubmission(f, device, fields)))
          .to.be.revertedWithCustomError(f.dataRegistry, "DataDeviceNotApproved")
          .withArgs(device.address);
      }
      await f.registry.connect(f.source).revokeDevice(f.device.address);
      await expect(f.dataRegistry.connect(f.source).submit(await signedSubmission(f, f.device, fields)))
        .to.be.revertedWithCustomError(f.dataRegistry, "DataDeviceNotApproved")
        .withArgs(f.device.address);
    });

    it("rejects another member's device", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const s = await signedSubmission(f, f.device, await entryFields(f, "a"));
      await expect(f.dataRegistry.connect(f.proxy).submit(s))
        .to.be.revertedWithCustomError(f.dataRegistry, "DataNotDeviceOwner")
        .withArgs(f.device.address, f.source.address, f.proxy.address);
    });

    it("rejects malformed signatures, other signers and signatures over other fields", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const fields = await entryFields(f, "a");
      const good = await signedSubmission(f, f.device, fields);
      const reject = (s: typeof good, recovered: string) =>
        expect(f.dataRegistry.connect(f.source).submit(s))
          .to.be.revertedWithCustomError(f.dataRegistry, "DataBadSignature")
          .withArgs(f.device.address, recovered);

      await reject({ ...good, signature: "0x" }, ZeroAddress);
      await reject({ ...good, signature: good.signature.slice(0, 130) }, ZeroAddress); // 64 bytes
      await reject({ ...good, signature: good.signature + "00" }, ZeroAddress); // 66 bytes
      const stranger = Wallet.createRandom();
      const bySomeoneElse = await signDataEntry({ signer: stranger, domain: f.domain, fields });
      await reject({ ...good, signature: bySomeoneElse }, stranger.address);
      // The device's signature over the fields, with one field changed after signing.
      for (const changed of [
        { fingerprint: id("other data") },
        { metadataHash: id("other metadata") },
        { producedAt: BigInt(fields.producedAt) - 1n },
      ]) {
        const s = { ...good, ...changed };
        await reject(s, recoverDataEntrySigner({ domain: f.domain, fields: s, signature: good.signature }));
      }
      await f.dataRegistry.connect(f.source).submit(good); // the untouched one passes
    });

    it("rejects the high-s twin of a valid signature", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const good = await signedSubmission(f, f.device, await entryFields(f, "a"));
      const sig = Signature.from(good.signature);
      const highS = "0x" + (N - BigInt(sig.s)).toString(16).padStart(64, "0");
      const twin = ethers.concat([sig.r, highS, sig.v === 27 ? "0x1c" : "0x1b"]);
      // ethers refuses it off-chain too (the Solidity test shows ecrecover accepts it).
      expect(() => recoverDataEntrySigner({ domain: f.domain, fields: good, signature: twin })).to.throw(/non-canonical s/);
      await expect(f.dataRegistry.connect(f.source).submit({ ...good, signature: twin }))
        .to.be.revertedWithCustomError(f.dataRegistry, "DataBadSignature")
        .withArgs(f.device.address, ZeroAddress);
    });

    it("accepts each signed digest once", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const fields = await entryFields(f, "a");
      const s = await signedSubmission(f, f.device, fields);
      await f.dataRegistry.connect(f.source).submit(s);
      const digest = await f.dataRegistry.dataEntryDigest(fields.fingerprint, fields.metadataHash, fields.producedAt);
      // Replayed as is, and under another CID.
      for (const replay of [s, { ...s, cid: "bafkothercid" }]) {
        await expect(f.dataRegistry.connect(f.source).submit(replay))
          .to.be.revertedWithCustomError(f.dataRegistry, "DataSignatureReused")
          .withArgs(digest);
      }
    });
  });

  describe("certify and reject", function () {
    async function pendingFixture() {
      const f = await deviceFixture();
      const entryId = await submitEntry(f, f.source, f.device, "pending");
      // Regulator 2 is also a member with its own device and entry.
      const regulatorDevice = await approvedDevice(f, f.regulator2);
      const ownEntry = await submitEntry(f, f.regulator2, regulatorDevice, "regulator's own");
      return { ...f, entryId, ownEntry };
    }

    it("certifies a Pending entry with a certificate CID", async function () {
      const f = await networkHelpers.loadFixture(pendingFixture);
      await expect(f.dataRegistry.connect(f.regulator).certify(f.entryId, "bafkcertificate"))
        .to.emit(f.dataRegistry, "DataCertified")
        .withArgs(f.entryId, f.regulator.address, "bafkcertificate");
      const e = await f.dataRegistry.entry(f.entryId);
      expect(e.state).to.equal(CERTIFIED);
      expect(e.validator).to.equal(f.regulator.address);
      expect(e.validatedAt).to.equal(BigInt(await time.latest()));
      expect(e.certificateCid).to.equal("bafkcertificate");
      expect(await f.dataRegistry.entryState(f.entryId)).to.equal(CERTIFIED);
    });

    it("rejects a Pending entry with a reason", async function () {
      const f = await networkHelpers.loadFixture(pendingFixture);
      await expect(f.dataRegistry.connect(f.regulator2).reject(f.entryId, "sensor out of calibration"))
        .to.emit(f.dataRegistry, "DataRejected")
        .withArgs(f.entryId, f.regulator2.address, "sensor out of calibration");
      const e = await f.dataRegistry.entry(f.entryId);
      expect(e.state).to.equal(REJECTED);
      expect(e.validator).to.equal(f.regulator2.address);
      expect(e.rejectionReason).to.equal("sensor out of calibration");
      expect(e.certificateCid).to.equal("");
    });

    it("is for regulators only", async function () {
      const f = await networkHelpers.loadFixture(pendingFixture);
      for (const caller of [f.source, f.servicer, f.outsiders[0]!]) {
        await expect(f.dataRegistry.connect(caller).certify(f.entryId, "bafkcertificate"))
          .to.be.revertedWithCustomError(f.dataRegistry, "DataNotRegulator")
          .withArgs(caller.address);
        await expect(f.dataRegistry.connect(caller).reject(f.entryId, "no"))
          .to.be.revertedWithCustomError(f.dataRegistry, "DataNotRegulator")
          .withArgs(caller.address);
      }
    });

    it("refuses self-validation, but another regulator may validate", async function () {
      const f = await networkHelpers.loadFixture(pendingFixture);
      await expect(f.dataRegistry.connect(f.regulator2).certify(f.ownEntry, "bafkcertificate"))
        .to.be.revertedWithCustomError(f.dataRegistry, "DataSelfValidation")
        .withArgs(f.ownEntry, f.regulator2.address);
      await expect(f.dataRegistry.connect(f.regulator2).reject(f.ownEntry, "no"))
        .to.be.revertedWithCustomError(f.dataRegistry, "DataSelfValidation")
        .withArgs(f.ownEntry, f.regulator2.address);
      await f.dataRegistry.connect(f.regulator).certify(f.ownEntry, "bafkcertificate");
      expect(await f.dataRegistry.entryState(f.ownEntry)).to.equal(CERTIFIED);
    });

    it("refuses a second validation, an unknown entry and empty texts", async function () {
      const f = await networkHelpers.loadFixture(pendingFixture);
      const dr = f.dataRegistry.connect(f.regulator);
      await expect(dr.certify(f.entryId, "")).to.be.revertedWithCustomError(dr, "DataEmptyCertificate");
      await expect(dr.reject(f.entryId, "")).to.be.revertedWithCustomError(dr, "DataEmptyReason");
      await expect(dr.certify(99n, "bafkcertificate")).to.be.revertedWithCustomError(dr, "DataUnknownEntry").withArgs(99n);
      await expect(dr.reject(0n, "no")).to.be.revertedWithCustomError(dr, "DataUnknownEntry").withArgs(0n);

      await dr.certify(f.entryId, "bafkcertificate");
      await expect(f.dataRegistry.connect(f.regulator2).certify(f.entryId, "bafkagain"))
        .to.be.revertedWithCustomError(dr, "DataUnexpectedState")
        .withArgs(f.entryId, CERTIFIED, PENDING);
      await expect(dr.reject(f.entryId, "changed my mind"))
        .to.be.revertedWithCustomError(dr, "DataUnexpectedState")
        .withArgs(f.entryId, CERTIFIED, PENDING);
      await f.dataRegistry.connect(f.regulator).reject(f.ownEntry, "no");
      await expect(dr.certify(f.ownEntry, "bafkcertificate"))
        .to.be.revertedWithCustomError(dr, "DataUnexpectedState")
        .withArgs(f.ownEntry, REJECTED, PENDING);
    });
  });

  describe("resubmission", function () {
    /** Entry 1 rejected, 2 (resubmits 1) rejected, 3 (resubmits 2) certified. */
    async function chainFixture() {
      const f = await deviceFixture();
      const dr = f.dataRegistry;
      const first = await submitEntry(f, f.source, f.device, "v1");
      await dr.connect(f.regulator).reject(first, "metadata incomplete");
      const second = await submitEntry(f, f.source, f.device, "v2", first);
      await dr.connect(f.regulator).reject(second, "wrong unit");
      const third = await submitEntry(f, f.source, f.device, "v3", second);
      await dr.connect(f.regulator2).certify(third, "bafkcertificate");
      return { ...f, first, second, third };
    }

    it("links a chain of three and returns its history from any member of it", async function () {
      const f = await networkHelpers.loadFixture(chainFixture);
      const chain = [f.first, f.second, f.third];
      for (const entryId of chain) expect(await f.dataRegistry.history(entryId)).to.deep.equal(chain);
      const [e1, e2, e3] = await Promise.all(chain.map((entryId) => f.dataRegistry.entry(entryId)));
      expect([e1!.resubmits, e1!.resubmittedBy]).to.deep.equal([0n, f.second]);
      expect([e2!.resubmits, e2!.resubmittedBy]).to.deep.equal([f.first, f.third]);
      expect([e3!.resubmits, e3!.resubmittedBy, e3!.state]).to.deep.equal([f.second, 0n, CERTIFIED]);
      // An unrelated entry has its own history.
      const other = await submitEntry(f, f.source, f.device, "other");
      expect(await f.dataRegistry.history(other)).to.deep.equal([other]);
    });

    it("emits the link on resubmission", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const first = await submitEntry(f, f.source, f.device, "v1");
      await f.dataRegistry.connect(f.regulator).reject(first, "no");
      const s = await signedSubmission(f, f.device, await entryFields(f, "v2"), { resubmits: first });
      await expect(f.dataRegistry.connect(f.source).submit(s))
        .to.emit(f.dataRegistry, "DataSubmitted")
        .withArgs(2n, f.source.address, f.device.address, s.fingerprint, s.cid, first);
    });

    it("refuses a second resubmission of the same entry", async function () {
      const f = await networkHelpers.loadFixture(chainFixture);
      const s = await signedSubmission(f, f.device, await entryFields(f, "v2 again"), { resubmits: f.first });
      await expect(f.dataRegistry.connect(f.source).submit(s))
        .to.be.revertedWithCustomError(f.dataRegistry, "DataAlreadyResubmitted")
        .withArgs(f.first, f.second);
    });

    it("refuses a resubmission by another member", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      const first = await submitEntry(f, f.source, f.device, "v1");
      await f.dataRegistry.connect(f.regulator).reject(first, "no");
      const proxyDevice = await approvedDevice(f, f.proxy);
      const s = await signedSubmission(f, proxyDevice, await entryFields(f, "v2"), { resubmits: first });
      await expect(f.dataRegistry.connect(f.proxy).submit(s))
        .to.be.revertedWithCustomError(f.dataRegistry, "DataNotResubmitter")
        .withArgs(first, f.source.address, f.proxy.address);
    });

    it("refuses to resubmit a Pending, a Certified or an unknown entry", async function () {
      const f = await networkHelpers.loadFixture(chainFixture);
      const pending = await submitEntry(f, f.source, f.device, "pending");
      for (const [target, state] of [
        [pending, PENDING],
        [f.third, CERTIFIED],
      ] as const) {
        const s = await signedSubmission(f, f.device, await entryFields(f, `fix ${target}`), { resubmits: target });
        await expect(f.dataRegistry.connect(f.source).submit(s))
          .to.be.revertedWithCustomError(f.dataRegistry, "DataUnexpectedState")
          .withArgs(target, state, REJECTED);
      }
      const s = await signedSubmission(f, f.device, await entryFields(f, "fix unknown"), { resubmits: 99n });
      await expect(f.dataRegistry.connect(f.source).submit(s))
        .to.be.revertedWithCustomError(f.dataRegistry, "DataUnknownEntry")
        .withArgs(99n);
    });
  });

  describe("views", function () {
    it("unknown ids: entry and history revert, entryState is None", async function () {
      const f = await networkHelpers.loadFixture(deviceFixture);
      for (const entryId of [0n, 1n]) {
        await expect(f.dataRegistry.entry(entryId))
          .to.be.revertedWithCustomError(f.dataRegistry, "DataUnknownEntry")
          .withArgs(entryId);
        await expect(f.dataRegistry.history(entryId))
          .to.be.revertedWithCustomError(f.dataRegistry, "DataUnknownEntry")
          .withArgs(entryId);
        expect(await f.dataRegistry.entryState(entryId)).to.equal(NONE);
      }
      expect(await f.dataRegistry.entryCount()).to.equal(0n);
      await certifiedEntry(f, f.source, f.device, "x");
      expect(await f.dataRegistry.entryCount()).to.equal(1n);
    });
  });
});
