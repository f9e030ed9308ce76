import { expect } from "chai";
import { TypedDataEncoder, ZeroAddress, ZeroHash, id, recoverAddress } from "ethers";
import { network } from "hardhat";

import {
  IDENTIFIER_MAPPING_TYPES,
  MAPPING_KINDS,
  TRACE_RECORD_TYPES,
  recoverIdentifierMappingSigner,
  recoverTraceRecordSigner,
  traceLedgerDomain,
  type IdentifierMappingFields,
  type TraceRecordFields,
} from "../../../offchain/trace/trace-signatures.js";
import type { TraceLedger } from "../../../types/ethers-contracts/index.js";
import {
  DEFAULT_INFO_SERVER,
  deployTraceLedger,
  latestTimestamp,
  mapIdentifiers,
  recordOrigin,
  recordTransfer,
  signedMapping,
  signedRecord,
} from "../../helpers/trace.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const LOT = id("lot A");
const data = (label: string) => id(`traceability data: ${label}`);

/** Founders 0-2 are plain members (farm, mill, shop), 3-4 REGULATORs; k = 2. */
async function traceFixture() {
  const f = await deployTraceLedger(connection);
  const [farm, mill, shop, reg1, reg2] = f.founders as [NonNullable<(typeof f.founders)[0]>, ...typeof f.founders];
  return { ...f, farm, mill: mill!, shop: shop!, reg1: reg1!, reg2: reg2!, outsider: f.others[0]! };
}

/** The farm creates LOT (record 1). */
async function originFixture() {
  const f = await traceFixture();
  await recordOrigin(f.ledger, f.farm, { objectId: LOT, dataHash: data("harvest") });
  return f;
}

/** The mill holds LOT (records 1, 2) and splits it into three bags (mapping 1). */
async function splitFixture() {
  const f = await originFixture();
  await recordTransfer(f.ledger, f.farm, { objectId: LOT, to: f.mill.address, dataHash: data("to mill") });
  const bags = [id("bag 1"), id("bag 2"), id("bag 3")];
  await mapIdentifiers(f.ledger, f.mill, "split", [LOT], bags, { dataHash: data("split") });
  return { ...f, bags };
}

async function recordFields(ledger: TraceLedger, fields: Partial<TraceRecordFields> & { transferIn: string }): Promise<TraceRecordFields> {
  return {
    objectId: LOT,
    infoServer: DEFAULT_INFO_SERVER,
    dataHash: data("x"),
    transferOut: ZeroAddress,
    timestamp: await latestTimestamp(ledger),
    ...fields,
  };
}

async function mappingFields(
  ledger: TraceLedger,
  fields: Partial<IdentifierMappingFields> & Pick<IdentifierMappingFields, "inputs" | "outputs">,
): Promise<IdentifierMappingFields> {
  return {
    kind: MAPPING_KINDS.split,
    infoServer: DEFAULT_INFO_SERVER,
    dataHash: data("mapping"),
    timestamp: await latestTimestamp(ledger),
    ...fields,
  };
}

describe("TraceLedger", function () {
  describe("deployment", function () {
    it("refuses k = 0 and keeps the registry and k", async function () {
      const { ledger, registry } = await networkHelpers.loadFixture(traceFixture);
      const factory = await ethers.getContractFactory("TraceLedger");
      await expect(factory.deploy(registry, 0)).to.be.revertedWithCustomError(factory, "TraceInvalidConfirmations").withArgs(0);
      expect(await ledger.registry()).to.equal(await registry.getAddress());
      expect(await ledger.requiredConfirmations()).to.equal(2n);
      expect(await ledger.recordCount()).to.equal(0n);
      expect(await ledger.mappingCount()).to.equal(0n);
    });
  });

  describe("records", function () {
    it("an origin record creates a new object held by its recorder", async function () {
      const { ledger, farm } = await networkHelpers.loadFixture(traceFixture);
      const fields = await recordFields(ledger, { transferIn: farm.address, dataHash: data("harvest") });
      const input = await signedRecord(ledger, farm, fields);
      await expect(ledger.connect(farm).record(input))
        .to.emit(ledger, "RecordPosted")
        .withArgs(1n, LOT, farm.address, ZeroAddress, 0n, data("harvest"), DEFAULT_INFO_SERVER);
      const r = await ledger.recordOf(1n);
      expect(r.objectId).to.equal(LOT);
      expect(r.transferOut).to.equal(ZeroAddress);
      expect(r.transferIn).to.equal(farm.address);
      expect(r.recorder).to.equal(farm.address);
      expect(r.timestamp).to.equal(fields.timestamp);
      expect(r.recordedAt).to.equal(BigInt(await time.latest()));
      expect(r.previousRecord).to.equal(0n);
      expect(r.dataHash).to.equal(data("harvest"));
      expect(r.confirmations).to.equal(0n);
      expect(r.infoServer).to.equal(DEFAULT_INFO_SERVER);
      expect(r.signature).to.equal(input.signature);
      expect(await ledger.holderOf(LOT)).to.equal(farm.address);
      expect(await ledger.latestRecord(LOT)).to.equal(1n);
      expect(await ledger.originMapping(LOT)).to.equal(0n);
      expect(await ledger.consumedBy(LOT)).to.equal(0n);
      expect(await ledger.recordCount()).to.equal(1n);
    });

    it("an origin record needs a never-seen id and transferIn == recorder", async function () {
      const { ledger, farm, mill, bags } = await networkHelpers.loadFixture(splitFixture);
      for (const objectId of [LOT, bags[0]!]) {
        const input = await signedRecord(ledger, mill, await recordFields(ledger, { objectId, transferIn: mill.address }));
        await expect(ledger.connect(mill).record(input)).to.be.revertedWithCustomError(ledger, "TraceObjectExists").withArgs(objectId);
      }
      const input = await signedRecord(ledger, farm, await recordFields(ledger, { objectId: id("new"), transferIn: mill.address }));
      await expect(ledger.connect(farm).record(input))
        .to.be.revertedWithCustomError(ledger, "TraceOriginNotToRecorder")
        .withArgs(mill.address, farm.address);
    });

    it("refuses a recorder that is not a member, and empty fields", async function () {
      const { ledger, farm, outsider } = await networkHelpers.loadFixture(traceFixture);
      const byOutsider = await signedRecord(ledger, outsider, await recordFields(ledger, { transferIn: outsider.address }));
      await expect(ledger.connect(outsider).record(byOutsider)).to.be.revertedWithCustomError(ledger, "TraceNotMember").withArgs(outsider.address);

      const cases = [
        [{ objectId: ZeroHash }, "TraceEmptyObject"],
        [{ infoServer: "" }, "TraceEmptyInfoServer"],
        [{ dataHash: ZeroHash }, "TraceEmptyDataHash"],
      ] as const;
      for (const [change, error] of cases) {
        const input = await signedRecord(ledger, farm, await recordFields(ledger, { transferIn: farm.address, ...change }));
        await expect(ledger.connect(farm).record(input)).to.be.revertedWithCustomError(ledger, error);
      }
    });

    it("a transfer is made by the holder, to a member, and links the previous record", async function () {
      const { ledger, farm, mill, shop } = await networkHelpers.loadFixture(originFixture);
      const t = await recordTransfer(ledger, farm, { objectId: LOT, to: mill.address, dataHash: data("to mill") });
      expect(t.id).to.equal(2n);
      const r = await ledger.recordOf(2n);
      expect([r.transferOut, r.transferIn, r.recorder, r.previousRecord]).to.deep.equal([farm.address, mill.address, farm.address, 1n]);
      expect(await ledger.holderOf(LOT)).to.equal(mill.address);
      expect(await ledger.latestRecord(LOT)).to.equal(2n);

      // The former holder, or any other member, can no longer move it.
      for (const account of [farm, shop]) {
        const input = await signedRecord(ledger, account, await recordFields(ledger, { transferOut: account.address, transferIn: account.address }));
        await expect(ledger.connect(account).record(input))
          .to.be.revertedWithCustomError(ledger, "TraceNotHolder")
          .withArgs(LOT, mill.address, account.address);
      }
      // The holder cannot name someone else as transferOut.
      const spoofed = await signedRecord(ledger, mill, await recordFields(ledger, { transferOut: farm.address, transferIn: shop.address }));
      await expect(ledger.connect(mill).record(spoofed))
        .to.be.revertedWithCustomError(ledger, "TraceNotHolder")
        .withArgs(LOT, mill.address, farm.address);
    });

    it("refuses a transfer of an unknown object and to a non-member", async function () {
      const { ledger, farm, outsider } = await networkHelpers.loadFixture(originFixture);
      const unknown = await signedRecord(ledger, farm, await recordFields(ledger, { objectId: id("nope"), transferOut: farm.address, transferIn: farm.address }));
      await expect(ledger.connect(farm).record(unknown)).to.be.revertedWithCustomError(ledger, "TraceUnknownObject").withArgs(id("nope"));
      for (const to of [outsider.address, ZeroAddress]) {
        const input = await signedRecord(ledger, farm, await recordFields(ledger, { transferOut: farm.address, transferIn: to }));
        await expect(ledger.connect(farm).record(input)).to.be.revertedWithCustomError(ledger, "TraceTransferInNotMember").withArgs(to);
      }
    });

    it("allows a processing step at the same holder (transferIn == transferOut)", async function () {
      const { ledger, farm } = await networkHelpers.loadFixture(originFixture);
      const t = await recordTransfer(ledger, farm, { objectId: LOT, to: farm.address, dataHash: data("dried") });
      const r = await ledger.recordOf(t.id);
      expect([r.transferOut, r.transferIn, r.previousRecord]).to.deep.equal([farm.address, farm.address, 1n]);
      expect(await ledger.holderOf(LOT)).to.equal(farm.address);
    });

    it("refuses a timestamp in the future or before the object's latest record", async function () {
      const { ledger, farm, mill } = await networkHelpers.loadFixture(traceFixture);
      const now = BigInt(await time.latest());
      await time.setNextBlockTimestamp(now + 10n);
      const skew = await ledger.MAX_CLOCK_SKEW();
      const future = await signedRecord(ledger, farm, await recordFields(ledger, { transferIn: farm.address, timestamp: now + 11n + skew }));
      await expect(ledger.connect(farm).record(future))
        .to.be.revertedWithCustomError(ledger, "TraceTimestampInFuture")
        .withArgs(now + 11n + skew, now + 10n + skew);

      const t0 = BigInt(await time.latest());
      await recordOrigin(ledger, farm, { objectId: LOT, dataHash: data("harvest"), timestamp: t0 });
      const early = await signedRecord(ledger, farm, await recordFields(ledger, { transferOut: farm.address, transferIn: mill.address, timestamp: t0 - 1n }));
      await expect(ledger.connect(farm).record(early))
        .to.be.revertedWithCustomError(ledger, "TraceTimestampBeforePrevious")
        .withArgs(t0 - 1n, t0);
      // The same time as the previous record is fine.
      await recordTransfer(ledger, farm, { objectId: LOT, to: mill.address, dataHash: data("to mill"), timestamp: t0 });
    });
  });

  describe("signatures", function () {
    it("a record signed in TypeScript verifies on chain; the digests agree", async function () {
      const { ledger, farm, domain } = await networkHelpers.loadFixture(traceFixture);
      const fields = await recordFields(ledger, { transferIn: farm.address });
      const input = await signedRecord(ledger, farm, fields);
      const digest = TypedDataEncoder.hash(domain, TRACE_RECORD_TYPES, fields);
      expect(await ledger.recordDigest(fields.objectId, fields.infoServer, fields.dataHash, fields.transferOut, fields.transferIn, fields.timestamp)).to.equal(digest);
      expect(recoverTraceRecordSigner({ domain, fields, signature: input.signature })).to.equal(farm.address);
      await expect(ledger.connect(farm).record(input)).to.emit(ledger, "RecordPosted");
    });

    it("a mapping signed in TypeScript verifies on chain; bytes32[] digests agree", async function () {
      const { ledger, mill, domain, bags } = await networkHelpers.loadFixture(splitFixture);
      const fields = await mappingFields(ledger, { kind: MAPPING_KINDS.merge, inputs: bags, outputs: [id("sack")] });
      const input = await signedMapping(ledger, mill, fields);
      const digest = TypedDataEncoder.hash(domain, IDENTIFIER_MAPPING_TYPES, fields);
      expect(await ledger.mappingDigest(fields.kind, fields.inputs, fields.outputs, fields.infoServer, fields.dataHash, fields.timestamp)).to.equal(digest);
      expect(recoverIdentifierMappingSigner({ domain, fields, signature: input.signature })).to.equal(mill.address);
      await expect(ledger.connect(mill).mapIdentifiers(input)).to.emit(ledger, "MappingPosted").withArgs(2n, 2n, mill.address, bags, [id("sack")]);
    });

    it("refuses a signature over other fields, by another member, for another chain, or malformed", async function () {
      const { ledger, farm, mill, domain } = await networkHelpers.loadFixture(traceFixture);
      const fields = await recordFields(ledger, { transferIn: farm.address });
      const { signature } = await signedRecord(ledger, farm, fields);
      const changed = { ...fields, dataHash: data("tampered") };
      const recovered = recoverAddress(TypedDataEncoder.hash(domain, TRACE_RECORD_TYPES, changed), signature);
      await expect(ledger.connect(farm).record({ ...changed, signature }))
        .to.be.revertedWithCustomError(ledger, "TraceBadSignature")
        .withArgs(farm.address, recovered);

      // mill signs farm's record: farm cannot post it as its own.
      const byMill = await signedRecord(ledger, mill, fields);
      await expect(ledger.connect(farm).record(byMill)).to.be.revertedWithCustomError(ledger, "TraceBadSignature").withArgs(farm.address, mill.address);

      const otherChain = traceLedgerDomain({ chainId: 1n, verifyingContract: await ledger.getAddress() });
      const foreign = await farm.signTypedData(otherChain, TRACE_RECORD_TYPES, fields);
      await expect(ledger.connect(farm).record({ ...fields, signature: foreign })).to.be.revertedWithCustomError(ledger, "TraceBadSignature");

      await expect(ledger.connect(farm).record({ ...fields, signature: "0x1234" }))
        .to.be.revertedWithCustomError(ledger, "TraceBadSignature")
        .withArgs(farm.address, ZeroAddress);
    });

    it("refuses a mapping whose outputs were reordered after signing", async function () {
      const { ledger, mill, bags } = await networkHelpers.loadFixture(splitFixture);
      const fields = await mappingFields(ledger, { kind: MAPPING_KINDS.merge, inputs: bags, outputs: [id("sack")] });
      const { signature } = await signedMapping(ledger, mill, fields);
      await expect(ledger.connect(mill).mapIdentifiers({ ...fields, inputs: [...bags].reverse(), signature })).to.be.revertedWithCustomError(
        ledger,
        "TraceBadSignature",
      );
    });
  });

  describe("mappings", function () {
    it("split 1 → 3: the input is consumed, the outputs are the mapper's, inputRecords is captured", async function () {
      const { ledger, mill, bags } = await networkHelpers.loadFixture(splitFixture);
      const m = await ledger.mappingOf(1n);
      expect(m.kind).to.equal(BigInt(MAPPING_KINDS.split));
      expect(m.recorder).to.equal(mill.address);
      expect(m.inputs).to.deep.equal([LOT]);
      expect(m.outputs).to.deep.equal(bags);
      expect(m.inputRecords).to.deep.equal([2n]);
      expect(m.dataHash).to.equal(data("split"));
      expect(m.infoServer).to.equal(DEFAULT_INFO_SERVER);
      expect(m.confirmations).to.equal(0n);
      expect(await ledger.consumedBy(LOT)).to.equal(1n);
      expect(await ledger.holderOf(LOT)).to.equal(mill.address); // still set after consumption
      for (const bag of bags) {
        expect(await ledger.holderOf(bag)).to.equal(mill.address);
        expect(await ledger.originMapping(bag)).to.equal(1n);
        expect(await ledger.latestRecord(bag)).to.equal(0n);
        expect(await ledger.consumedBy(bag)).to.equal(0n);
      }
      expect(await ledger.mappingCount()).to.equal(1n);
    });

    it("merge 3 → 1 and relabel 1 → 1; inputRecords holds 0 for inputs without records", async function () {
      const { ledger, mill, shop, bags } = await networkHelpers.loadFixture(splitFixture);
      const moved = await recordTransfer(ledger, mill, { objectId: bags[0]!, to: mill.address, dataHash: data("weighed") });
      const merge = await mapIdentifiers(ledger, mill, "merge", bags, [id("sack")], { dataHash: data("merge") });
      expect(merge.id).to.equal(2n);
      expect((await ledger.mappingOf(2n)).inputRecords).to.deep.equal([moved.id, 0n, 0n]);
      for (const bag of bags) expect(await ledger.consumedBy(bag)).to.equal(2n);

      await recordTransfer(ledger, mill, { objectId: id("sack"), to: shop.address, dataHash: data("to shop") });
      await expect(ledger.connect(shop).mapIdentifiers(await signedMapping(ledger, shop, await mappingFields(ledger, {
        kind: MAPPING_KINDS.relabel, inputs: [id("sack")], outputs: [id("shelf 7")],
      })))).to.emit(ledger, "MappingPosted").withArgs(3n, 3n, shop.address, [id("sack")], [id("shelf 7")]);
      expect(await ledger.holderOf(id("shelf 7"))).to.equal(shop.address);
      expect((await ledger.mappingOf(3n)).inputRecords).to.deep.equal([await ledger.latestRecord(id("sack"))]);
    });

    it("refuses every invalid shape", async function () {
      const { ledger, mill, bags } = await networkHelpers.loadFixture(splitFixture);
      const ids = (n: number, tag: string) => Array.from({ length: n }, (_, i) => id(`${tag} ${i}`));
      const shapes: Array<[number, number, number]> = [
        [0, 1, 1], // None
        [MAPPING_KINDS.split, 1, 1],
        [MAPPING_KINDS.split, 2, 2],
        [MAPPING_KINDS.split, 0, 2],
        [MAPPING_KINDS.split, 1, 65],
        [MAPPING_KINDS.merge, 1, 1],
        [MAPPING_KINDS.merge, 2, 2],
        [MAPPING_KINDS.merge, 2, 0],
        [MAPPING_KINDS.merge, 65, 1],
        [MAPPING_KINDS.relabel, 1, 2],
        [MAPPING_KINDS.relabel, 2, 1],
        [MAPPING_KINDS.relabel, 0, 1],
        [MAPPING_KINDS.relabel, 1, 0],
      ];
      for (const [kind, nIn, nOut] of shapes) {
        const fields = await mappingFields(ledger, { kind, inputs: [...bags, ...ids(nIn, "in")].slice(0, nIn), outputs: ids(nOut, "out") });
        await expect(ledger.connect(mill).mapIdentifiers(await signedMapping(ledger, mill, fields)))
          .to.be.revertedWithCustomError(ledger, "TraceInvalidMappingShape")
          .withArgs(kind, nIn, nOut);
      }
    });

    it("accepts 64 outputs, the maximum", async function () {
      const { ledger, mill, bags } = await networkHelpers.loadFixture(splitFixture);
      const outputs = Array.from({ length: 64 }, (_, i) => id(`grain ${i}`));
      await mapIdentifiers(ledger, mill, "split", [bags[0]!], outputs, { dataHash: data("sieve") });
      expect(await ledger.holderOf(outputs[63]!)).to.equal(mill.address);
    });

    it("refuses duplicate ids on a side and zero ids", async function () {
      const { ledger, mill, bags } = await networkHelpers.loadFixture(splitFixture);
      const cases: Array<[Partial<IdentifierMappingFields> & Pick<IdentifierMappingFields, "inputs" | "outputs">, string, string[]]> = [
        [{ kind: MAPPING_KINDS.merge, inputs: [bags[0]!, bags[1]!, bags[0]!], outputs: [id("sack")] }, "TraceDuplicateIdentifier", [bags[0]!]],
        [{ kind: MAPPING_KINDS.split, inputs: [bags[0]!], outputs: [id("x"), id("y"), id("x")] }, "TraceDuplicateIdentifier", [id("x")]],
        [{ kind: MAPPING_KINDS.merge, inputs: [bags[0]!, ZeroHash], outputs: [id("sack")] }, "TraceEmptyObject", []],
        [{ kind: MAPPING_KINDS.split, inputs: [bags[0]!], outputs: [id("x"), ZeroHash] }, "TraceEmptyObject", []],
      ];
      for (const [change, error, args] of cases) {
        const input = await signedMapping(ledger, mill, await mappingFields(ledger, change));
        await expect(ledger.connect(mill).mapIdentifiers(input)).to.be.revertedWithCustomError(ledger, error).withArgs(...args);
      }
    });

    it("refuses outputs already seen (live or consumed)", async function () {
      const { ledger, mill, bags } = await networkHelpers.loadFixture(splitFixture);
      for (const seen of [bags[1]!, LOT]) {
        const input = await signedMapping(ledger, mill, await mappingFields(ledger, { kind: MAPPING_KINDS.relabel, inputs: [bags[0]!], outputs: [seen] }));
        await expect(ledger.connect(mill).mapIdentifiers(input)).to.be.revertedWithCustomError(ledger, "TraceObjectExists").withArgs(seen);
      }
    });

    it("refuses inputs unknown, not held or consumed", async function () {
      const { ledger, farm, mill, bags } = await networkHelpers.loadFixture(splitFixture);
      const relabel = async (signer: typeof mill, input: string) =>
        ledger.connect(signer).mapIdentifiers(await signedMapping(ledger, signer, await mappingFields(ledger, { kind: MAPPING_KINDS.relabel, inputs: [input], outputs: [id("new")] })));
      await expect(relabel(mill, id("nope"))).to.be.revertedWithCustomError(ledger, "TraceUnknownObject").withArgs(id("nope"));
      await expect(relabel(farm, bags[0]!)).to.be.revertedWithCustomError(ledger, "TraceNotHolder").withArgs(bags[0]!, mill.address, farm.address);
      await expect(relabel(mill, LOT)).to.be.revertedWithCustomError(ledger, "TraceObjectConsumed").withArgs(LOT);
    });

    it("a consumed object cannot be recorded again", async function () {
      const { ledger, farm, mill } = await networkHelpers.loadFixture(splitFixture);
      const transfer = await signedRecord(ledger, mill, await recordFields(ledger, { transferOut: mill.address, transferIn: farm.address }));
      await expect(ledger.connect(mill).record(transfer)).to.be.revertedWithCustomError(ledger, "TraceObjectConsumed").withArgs(LOT);
      const origin = await signedRecord(ledger, mill, await recordFields(ledger, { transferIn: mill.address }));
      await expect(ledger.connect(mill).record(origin)).to.be.revertedWithCustomError(ledger, "TraceObjectExists").withArgs(LOT);
    });

    it("a new id from a mapping can be transferred: previousRecord 0, originMapping kept", async function () {
      const { ledger, mill, shop, bags } = await networkHelpers.loadFixture(splitFixture);
      const mappedAt = (await ledger.mappingOf(1n)).timestamp;
      const early = await signedRecord(ledger, mill, await recordFields(ledger, { objectId: bags[0]!, transferOut: mill.address, transferIn: shop.address, timestamp: mappedAt - 1n }));
      await expect(ledger.connect(mill).record(early))
        .to.be.revertedWithCustomError(ledger, "TraceTimestampBeforePrevious")
        .withArgs(mappedAt - 1n, mappedAt);
      const t = await recordTransfer(ledger, mill, { objectId: bags[0]!, to: shop.address, dataHash: data("to shop"), timestamp: mappedAt });
      expect((await ledger.recordOf(t.id)).previousRecord).to.equal(0n);
      expect(await ledger.originMapping(bags[0]!)).to.equal(1n);
      expect(await ledger.holderOf(bags[0]!)).to.equal(shop.address);
    });

    it("refuses a mapping by a non-member, with empty fields, in the future or before an input's latest record", async function () {
      const { ledger, mill, outsider, bags } = await networkHelpers.loadFixture(splitFixture);
      const base = { kind: MAPPING_KINDS.relabel, inputs: [bags[0]!], outputs: [id("new")] };
      const byOutsider = await signedMapping(ledger, outsider, await mappingFields(ledger, base));
      await expect(ledger.connect(outsider).mapIdentifiers(byOutsider)).to.be.revertedWithCustomError(ledger, "TraceNotMember").withArgs(outsider.address);
      for (const [change, error] of [[{ infoServer: "" }, "TraceEmptyInfoServer"], [{ dataHash: ZeroHash }, "TraceEmptyDataHash"]] as const) {
        const input = await signedMapping(ledger, mill, await mappingFields(ledger, { ...base, ...change }));
        await expect(ledger.connect(mill).mapIdentifiers(input)).to.be.revertedWithCustomError(ledger, error);
      }
      const now = BigInt(await time.latest());
      const future = await signedMapping(ledger, mill, await mappingFields(ledger, { ...base, timestamp: now + 3600n + (await ledger.MAX_CLOCK_SKEW()) }));
      await expect(ledger.connect(mill).mapIdentifiers(future)).to.be.revertedWithCustomError(ledger, "TraceTimestampInFuture");

      const t = await recordTransfer(ledger, mill, { objectId: bags[0]!, to: mill.address, dataHash: data("weighed"), timestamp: now });
      const at = (await ledger.recordOf(t.id)).timestamp;
      const early = await signedMapping(ledger, mill, await mappingFields(ledger, { ...base, timestamp: at - 1n }));
      await expect(ledger.connect(mill).mapIdentifiers(early))
        .to.be.revertedWithCustomError(ledger, "TraceTimestampBeforePrevious")
        .withArgs(at - 1n, at);
    });
  });

  describe("confirmations", function () {
    it("k = 2: a record is accepted after the second regulator", async function () {
      const { ledger, reg1, reg2 } = await networkHelpers.loadFixture(originFixture);
      await expect(ledger.connect(reg1).confirmRecord(1n)).to.emit(ledger, "RecordConfirmed").withArgs(1n, reg1.address, 1n, false);
      expect(await ledger.isRecordAccepted(1n)).to.equal(false);
      expect(await ledger.hasConfirmedRecord(1n, reg1.address)).to.equal(true);
      expect(await ledger.hasConfirmedRecord(1n, reg2.address)).to.equal(false);
      await expect(ledger.connect(reg2).confirmRecord(1n)).to.emit(ledger, "RecordConfirmed").withArgs(1n, reg2.address, 2n, true);
      expect(await ledger.isRecordAccepted(1n)).to.equal(true);
      expect((await ledger.recordOf(1n)).confirmations).to.equal(2n);
    });

    it("refuses non-regulators, self-confirmation, double confirmation and unknown records", async function () {
      const { ledger, farm, reg1, reg2, outsider } = await networkHelpers.loadFixture(originFixture);
      for (const account of [farm, outsider]) {
        await expect(ledger.connect(account).confirmRecord(1n)).to.be.revertedWithCustomError(ledger, "TraceNotRegulator").withArgs(account.address);
      }
      await recordOrigin(ledger, reg1, { objectId: id("regulator's own"), dataHash: data("own") });
      await expect(ledger.connect(reg1).confirmRecord(2n)).to.be.revertedWithCustomError(ledger, "TraceSelfConfirmation").withArgs(reg1.address);
      await ledger.connect(reg2).confirmRecord(2n);
      await expect(ledger.connect(reg2).confirmRecord(2n)).to.be.revertedWithCustomError(ledger, "TraceAlreadyConfirmed").withArgs(reg2.address);
      for (const unknown of [0n, 3n]) {
        await expect(ledger.connect(reg1).confirmRecord(unknown)).to.be.revertedWithCustomError(ledger, "TraceUnknownRecord").withArgs(unknown);
        await expect(ledger.recordOf(unknown)).to.be.revertedWithCustomError(ledger, "TraceUnknownRecord").withArgs(unknown);
      }
      expect(await ledger.isRecordAccepted(3n)).to.equal(false);
    });

    it("mappings: accepted after k, with the same refusals", async function () {
      const { ledger, mill, reg1, reg2, bags } = await networkHelpers.loadFixture(splitFixture);
      await expect(ledger.connect(mill).confirmMapping(1n)).to.be.revertedWithCustomError(ledger, "TraceNotRegulator").withArgs(mill.address);
      await expect(ledger.connect(reg1).confirmMapping(1n)).to.emit(ledger, "MappingConfirmed").withArgs(1n, reg1.address, 1n, false);
      await expect(ledger.connect(reg1).confirmMapping(1n)).to.be.revertedWithCustomError(ledger, "TraceAlreadyConfirmed").withArgs(reg1.address);
      expect(await ledger.isMappingAccepted(1n)).to.equal(false);
      await expect(ledger.connect(reg2).confirmMapping(1n)).to.emit(ledger, "MappingConfirmed").withArgs(1n, reg2.address, 2n, true);
      expect(await ledger.isMappingAccepted(1n)).to.equal(true);
      expect(await ledger.hasConfirmedMapping(1n, reg2.address)).to.equal(true);
      expect((await ledger.mappingOf(1n)).confirmations).to.equal(2n);

      // A regulator's own mapping.
      await recordTransfer(ledger, mill, { objectId: bags[0]!, to: reg1.address, dataHash: data("to reg1") });
      await mapIdentifiers(ledger, reg1, "relabel", [bags[0]!], [id("sample")], { dataHash: data("sample") });
      await expect(ledger.connect(reg1).confirmMapping(2n)).to.be.revertedWithCustomError(ledger, "TraceSelfConfirmation").withArgs(reg1.address);
      await expect(ledger.connect(reg1).confirmMapping(3n)).to.be.revertedWithCustomError(ledger, "TraceUnknownMapping").withArgs(3n);
      await expect(ledger.mappingOf(0n)).to.be.revertedWithCustomError(ledger, "TraceUnknownMapping").withArgs(0n);
    });
  });

  describe("walking custody back", function () {
    type Walk = { records: bigint[]; mapping?: { id: bigint; inputs: Array<{ objectId: string; walk: Walk }> } };

    /** The custody history of `objectId` from the view functions only (ITraceLedger's walk). */
    async function walkFromRecord(ledger: TraceLedger, start: bigint, objectId: string): Promise<Walk> {
      const records: bigint[] = [];
      let next: string | undefined;
      for (let r = start; r !== 0n; ) {
        const rec = await ledger.recordOf(r);
        expect(rec.objectId).to.equal(objectId);
        // Custody is continuous: each record starts where the later one's sender is.
        if (next !== undefined) expect(rec.transferIn).to.equal(next);
        next = rec.transferOut;
        records.push(r);
        r = rec.previousRecord;
      }
      const mappingId = await ledger.originMapping(objectId);
      if (mappingId === 0n) return { records };
      const m = await ledger.mappingOf(mappingId);
      if (next !== undefined) expect(m.recorder).to.equal(next);
      const inputs = [];
      for (const [i, input] of m.inputs.entries()) {
        inputs.push({ objectId: input, walk: await walkFromRecord(ledger, m.inputRecords[i]!, input) });
      }
      return { records, mapping: { id: mappingId, inputs } };
    }

    it("a split + merge tree walks back to what was recorded", async function () {
      const { ledger, farm, mill, shop } = await networkHelpers.loadFixture(originFixture);
      const bags = [id("bag 1"), id("bag 2"), id("bag 3")];
      const C = id("lot C");
      const D = id("pallet D");
      const r2 = await recordTransfer(ledger, farm, { objectId: LOT, to: mill.address, dataHash: data("to mill") });
      const r3 = await recordTransfer(ledger, mill, { objectId: LOT, to: mill.address, dataHash: data("milled") });
      const m1 = await mapIdentifiers(ledger, mill, "split", [LOT], bags, { dataHash: data("split") });
      const r4 = await recordTransfer(ledger, mill, { objectId: bags[0]!, to: shop.address, dataHash: data("bag 1 to shop") });
      const r5 = await recordTransfer(ledger, mill, { objectId: bags[1]!, to: shop.address, dataHash: data("bag 2 to shop") });
      const r6 = await recordOrigin(ledger, shop, { objectId: C, dataHash: data("shop's own lot") });
      const m2 = await mapIdentifiers(ledger, shop, "merge", [bags[0]!, bags[1]!, C], [D], { dataHash: data("palletised") });
      const r7 = await recordTransfer(ledger, shop, { objectId: D, to: farm.address, dataHash: data("D back to farm") });

      const lotWalk: Walk = { records: [r3.id, r2.id, 1n] };
      const viaSplit = (records: bigint[]): Walk => ({
        records,
        mapping: { id: m1.id, inputs: [{ objectId: LOT, walk: lotWalk }] },
      });
      const expected: Walk = {
        records: [r7.id],
        mapping: {
          id: m2.id,
          inputs: [
            { objectId: bags[0]!, walk: viaSplit([r4.id]) },
            { objectId: bags[1]!, walk: viaSplit([r5.id]) },
            { objectId: C, walk: { records: [r6.id] } },
          ],
        },
      };
      expect(await walkFromRecord(ledger, await ledger.latestRecord(D), D)).to.deep.equal(expected);
      // The bag that stayed at the mill has no record of its own.
      expect(await walkFromRecord(ledger, await ledger.latestRecord(bags[2]!), bags[2]!)).to.deep.equal(viaSplit([]));
      expect(await ledger.holderOf(D)).to.equal(farm.address);
    });
  });

  describe("sizes and gas (printed, not asserted)", function () {
    it("prints the deployed bytecode size and gas of record, mapIdentifiers and confirmRecord", async function () {
      const { ledger, farm, mill, reg1 } = await networkHelpers.loadFixture(traceFixture);
      const code = await ethers.provider.getCode(await ledger.getAddress());
      const origin = await recordOrigin(ledger, farm, { objectId: LOT, dataHash: data("harvest") });
      const transfer = await recordTransfer(ledger, farm, { objectId: LOT, to: mill.address, dataHash: data("to mill") });
      const bags = [id("bag 1"), id("bag 2"), id("bag 3")];
      const split = await mapIdentifiers(ledger, mill, "split", [LOT], bags, { dataHash: data("split") });
      const merge = await mapIdentifiers(ledger, mill, "merge", bags, [id("sack")], { dataHash: data("merge") });
      const confirm = (await (await ledger.connect(reg1).confirmRecord(origin.id)).wait())!;
      console.log(`      TraceLedger deployed bytecode: ${(code.length - 2) / 2} B (limit 24,576 B)`);
      console.log(`      gas record (origin):        ${origin.receipt.gasUsed}`);
      console.log(`      gas record (transfer):      ${transfer.receipt.gasUsed}`);
      console.log(`      gas mapIdentifiers 1 -> 3:  ${split.receipt.gasUsed}`);
      console.log(`      gas mapIdentifiers 3 -> 1:  ${merge.receipt.gasUsed}`);
      console.log(`      gas confirmRecord:          ${confirm.gasUsed}`);
    });
  });
});
