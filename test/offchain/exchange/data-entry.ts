import { expect } from "chai";
import { Wallet, getAddress, hexlify, keccak256 } from "ethers";
import { createHash } from "node:crypto";

import { generateEncryptionKeyPair } from "../../../offchain/crypto/index.js";
import { DATA_CIPHER, encryptData } from "../../../offchain/exchange/data-cipher.js";
import { encodeEntryDocument } from "../../../offchain/exchange/entry-document.js";
import {
  DATA_CHUNK_BYTES,
  DataDecryptionError,
  ExchangeFormatError,
  ExchangeParameterError,
  FingerprintMismatchError,
  MetadataMismatchError,
  NotARecipientError,
  ciphertextLengthOf,
  encodeEntryMetadata,
  fingerprintOf,
  metadataHashOf,
  openDataEntry,
  parseEntryDocument,
  parseEntryMetadata,
  sealDataEntry,
  type EntryMetadata,
  type SealDataEntryResult,
} from "../../../offchain/exchange/index.js";
import { startEmbeddedStore, type EmbeddedStore } from "../../../offchain/storage/index.js";
import { makeTempDirectory, randomContent, removeDirectoriesAfterStop } from "../storage/helpers.js";
import { type FieldCase, bytesOf, caught, edit, expectEachRefused, flipByte } from "./helpers.js";

const DEVICE = getAddress("0x90f79bf6eb2c4f870365e785982e1f101e93b906");

function metadataFor(data: Uint8Array, overrides: Partial<EntryMetadata> = {}): EntryMetadata {
  return { category: "logistics.cold-chain", description: "Reefer temperatures, one reading a minute", mediaType: "text/csv", size: data.length, producedAt: 1_750_000_000, device: DEVICE, ...overrides };
}

/** A regulator: its address and its registry encryption key pair. */
function makeRegulator() {
  const keys = generateEncryptionKeyPair();
  return { address: Wallet.createRandom().address, encryptionKey: hexlify(keys.publicKey), privateKey: keys.privateKey };
}

/** Malformed metadata fields, written for the metadata object at `at(document)`. */
function metadataCases(at: (document: Record<string, any>) => Record<string, any>): FieldCase[] {
  return [
    ["format", (d) => void (at(d).format = "sealedchain.exchange.entry"), "format"],
    ["version", (d) => void (at(d).version = 2), "version"],
    ["extra field", (d) => void (at(d).owner = DEVICE), "unexpected field(s) owner"],
    ["category missing", (d) => void delete at(d).category, "category"],
    ["category upper case", (d) => void (at(d).category = "Logistics"), "category"],
    ["category empty", (d) => void (at(d).category = ""), "category"],
    ["category too long", (d) => void (at(d).category = "a".repeat(65)), "category"],
    ["category with a space", (d) => void (at(d).category = "cold chain"), "category"],
    ["description too long", (d) => void (at(d).description = "x".repeat(501)), "description"],
    ["description not a string", (d) => void (at(d).description = 5), "description"],
    ["mediaType without subtype", (d) => void (at(d).mediaType = "csv"), "mediaType"],
    ["mediaType upper case", (d) => void (at(d).mediaType = "Text/CSV"), "mediaType"],
    ["mediaType with parameters", (d) => void (at(d).mediaType = "text/csv; charset=utf-8"), "mediaType"],
    ["size 0", (d) => void (at(d).size = 0), "size"],
    ["size negative", (d) => void (at(d).size = -1), "size"],
    ["size fractional", (d) => void (at(d).size = 1.5), "size"],
    ["size a string", (d) => void (at(d).size = "12"), "size"],
    ["producedAt negative", (d) => void (at(d).producedAt = -1), "producedAt"],
    ["producedAt missing", (d) => void delete at(d).producedAt, "producedAt"],
    ["device not an address", (d) => void (at(d).device = "0x1234"), "device"],
    ["device bad checksum", (d) => void (at(d).device = "0x90F79bf6eb2c4f870365e785982e1f101e93b906"), "device"],
  ];
}

describe("offchain/exchange data entries (a real embedded Helia store)", function () {
  this.timeout(30_000);
  const directories: string[] = [];
  let store: EmbeddedStore;
  const regulators = [makeRegulator(), makeRegulator()];
  const stranger = makeRegulator();
  const csv = bytesOf("time,celsius\n1750000000,4.1\n1750000060,4.3\n");
  let sealed: SealDataEntryResult;
  let entryBytes: Uint8Array;
  const fetch = (cid: string) => store.get(cid);

  before(async function () {
    directories.push(await makeTempDirectory("exchange-entry"));
    store = await startEmbeddedStore({ directory: directories[0]!, defaultTimeoutMs: 5_000 });
    sealed = await sealDataEntry({ data: csv, metadata: metadataFor(csv), regulators, store });
    entryBytes = await store.get(sealed.entryCid);
  });

  after(async function () {
    this.timeout(15_000);
    await store.stop();
    await removeDirectoriesAfterStop(directories);
  });

  it("returns the on-chain fields: SHA-256 fingerprint, keccak256 metadataHash, stored and pinned CIDs", async function () {
    expect(sealed.fingerprint).to.equal(`0x${createHash("sha256").update(csv).digest("hex")}`);
    expect(sealed.fingerprint).to.equal(fingerprintOf(csv));
    expect(sealed.metadataHash).to.equal(keccak256(encodeEntryMetadata(metadataFor(csv))));
    expect(sealed.dataKey).to.have.length(32);
    expect(await store.has(sealed.entryCid)).to.equal(true);
    expect(await store.has(sealed.dataCid)).to.equal(true);
    const ciphertext = await store.get(sealed.dataCid);
    expect(ciphertext).to.have.length(ciphertextLengthOf(csv.length));
    expect(Buffer.from(ciphertext).includes(Buffer.from("celsius"))).to.equal(false);
  });

  it("stores an entry document that parses back to what was sealed", function () {
    const entry = parseEntryDocument(entryBytes);
    expect(entry.metadata).to.deep.equal(metadataFor(csv));
    expect(entry.metadataHash).to.equal(sealed.metadataHash);
    expect(entry.fingerprint).to.equal(sealed.fingerprint);
    expect(entry.dataCid).to.equal(sealed.dataCid);
    expect(entry.cipher).to.equal(DATA_CIPHER);
    expect(entry.validationKeys.map((k) => k.regulator)).to.deep.equal(regulators.map((r) => r.address));
  });

  it("round trip with the data key, checked against the chain's fingerprint and metadataHash", async function () {
    const opened = await openDataEntry({ entryBytes, fetchCiphertext: fetch, key: { dataKey: sealed.dataKey }, expectedFingerprint: sealed.fingerprint, expectedMetadataHash: sealed.metadataHash });
    expect(utf8(opened.data)).to.equal(utf8(csv));
    expect(opened.metadata).to.deep.equal(metadataFor(csv));
  });

  it("round trip of multi-chunk data (1 B, a chunk ± 1 B, 2 chunks, 2 chunks + 1 B, 2.5 MiB)", async function () {
    for (const size of [1, DATA_CHUNK_BYTES - 1, DATA_CHUNK_BYTES, 2 * DATA_CHUNK_BYTES, 2 * DATA_CHUNK_BYTES + 1, Math.floor(2.5 * DATA_CHUNK_BYTES)]) {
      const data = randomContent(size);
      const result = await sealDataEntry({ data, metadata: metadataFor(data, { mediaType: "application/octet-stream" }), regulators: [regulators[0]!], store });
      const opened = await openDataEntry({ entryBytes: await store.get(result.entryCid), fetchCiphertext: fetch, key: { dataKey: result.dataKey }, expectedFingerprint: fingerprintOf(data) });
      expect(Buffer.from(opened.data).equals(Buffer.from(data)), `size ${size}`).to.equal(true);
    }
  });

  it("every regulator opens it with its own private key (address in any case)", async function () {
    for (const regulator of regulators) {
      const opened = await openDataEntry({ entryBytes, fetchCiphertext: fetch, key: { regulator: regulator.address.toLowerCase(), privateKey: regulator.privateKey }, expectedFingerprint: sealed.fingerprint });
      expect(utf8(opened.data)).to.equal(utf8(csv));
    }
  });

  it("refuses a non-regulator, and a regulator's address with another private key", async function () {
    const none = await caught(() => openDataEntry({ entryBytes, fetchCiphertext: fetch, key: { regulator: stranger.address, privateKey: stranger.privateKey } }));
    expect(none).to.be.instanceOf(NotARecipientError);
    expect(none.message).to.include(`no validation key for regulator ${stranger.address}`);
    const wrongKey = await caught(() => openDataEntry({ entryBytes, fetchCiphertext: fetch, key: { regulator: regulators[0]!.address, privateKey: stranger.privateKey } }));
    expect(wrongKey).to.be.instanceOf(NotARecipientError);
    expect(wrongKey.message).to.include("does not open with this private key");
  });

  it("refuses a validation key copied from another entry (its context names the other fingerprint)", async function () {
    const other = bytesOf("time,celsius\n1750000000,9.9\n");
    const otherSealed = await sealDataEntry({ data: other, metadata: metadataFor(other), regulators, store });
    const otherEntry = parseEntryDocument(await store.get(otherSealed.entryCid));
    const entry = parseEntryDocument(entryBytes);
    const forged = encodeEntryDocument({ ...entry, validationKeys: otherEntry.validationKeys });
    const error = await caught(() => openDataEntry({ entryBytes: forged, fetchCiphertext: fetch, key: { regulator: regulators[0]!.address, privateKey: regulators[0]!.privateKey } }));
    expect(error).to.be.instanceOf(NotARecipientError);
    expect(error.message).to.include("context");
  });

  it("refuses a tampered, truncated or extended ciphertext, and a wrong data key", async function () {
    const ciphertext = await store.get(sealed.dataCid);
    for (const [label, bytes] of [
      ["flipped first byte", flipByte(ciphertext, 0)],
      ["flipped tag byte", flipByte(ciphertext, ciphertext.length - 1)],
      ["truncated", ciphertext.subarray(0, ciphertext.length - 1)],
      ["extended", Uint8Array.of(...ciphertext, 0)],
    ] as const) {
      const error = await caught(() => openDataEntry({ entryBytes, fetchCiphertext: async () => bytes, key: { dataKey: sealed.dataKey } }));
      expect(error, label).to.be.instanceOf(DataDecryptionError);
    }
    const wrongKey = await caught(() => openDataEntry({ entryBytes, fetchCiphertext: fetch, key: { dataKey: new Uint8Array(32).fill(7) } }));
    expect(wrongKey).to.be.instanceOf(DataDecryptionError);
    expect(wrongKey.message).to.include("does not authenticate");
  });

  it("refuses swapped chunks of multi-chunk data", async function () {
    const data = randomContent(2 * DATA_CHUNK_BYTES);
    const result = await sealDataEntry({ data, metadata: metadataFor(data), regulators, store });
    const ciphertext = await store.get(result.dataCid);
    const half = ciphertext.length / 2;
    const swapped = new Uint8Array(Buffer.concat([ciphertext.subarray(half), ciphertext.subarray(0, half)]));
    const resultEntry = await store.get(result.entryCid);
    const error = await caught(() => openDataEntry({ entryBytes: resultEntry, fetchCiphertext: async () => swapped, key: { dataKey: result.dataKey } }));
    expect(error).to.be.instanceOf(DataDecryptionError);
  });

  it("refuses an entry whose fingerprint or metadata is not the chain's", async function () {
    const wrong = `0x${"ab".repeat(32)}`;
    const fingerprint = await caught(() => openDataEntry({ entryBytes, fetchCiphertext: fetch, key: { dataKey: sealed.dataKey }, expectedFingerprint: wrong }));
    expect(fingerprint).to.be.instanceOf(FingerprintMismatchError);
    expect((fingerprint as FingerprintMismatchError).expected).to.equal(wrong);
    expect((fingerprint as FingerprintMismatchError).actual).to.equal(sealed.fingerprint);
    const metadata = await caught(() => openDataEntry({ entryBytes, fetchCiphertext: fetch, key: { dataKey: sealed.dataKey }, expectedMetadataHash: wrong }));
    expect(metadata).to.be.instanceOf(MetadataMismatchError);
  });

  it("refuses data that decrypts but is not what the document's fingerprint says (a lying seller)", async function () {
    const claimed = bytesOf("time,celsius\n1750000000,4.1\n1750000060,4.3\n");
    const actual = bytesOf("time,celsius\n1750000000,8.8\n1750000060,8.8\n");
    const dataKey = new Uint8Array(32).fill(3);
    const fingerprint = fingerprintOf(claimed);
    const dataCid = await store.put(encryptData({ dataKey, fingerprint, data: actual }));
    const entry = parseEntryDocument(entryBytes);
    const forged = encodeEntryDocument({ ...entry, fingerprint, dataCid, metadata: metadataFor(actual) });
    const error = await caught(() => openDataEntry({ entryBytes: forged, fetchCiphertext: fetch, key: { dataKey }, expectedFingerprint: fingerprint }));
    expect(error).to.be.instanceOf(FingerprintMismatchError);
    expect((error as FingerprintMismatchError).actual).to.equal(fingerprintOf(actual));
  });

  it("refuses bad parameters before storing anything", async function () {
    const puts: Uint8Array[] = [];
    const spy = { put: async (bytes: Uint8Array) => (puts.push(bytes), store.put(bytes)), pin: (cid: string) => store.pin(cid) };
    const cases: [string, () => Promise<unknown>, string][] = [
      ["empty data", () => sealDataEntry({ data: new Uint8Array(0), metadata: metadataFor(csv), regulators, store: spy }), "data"],
      ["size mismatch", () => sealDataEntry({ data: csv, metadata: metadataFor(csv, { size: csv.length + 1 }), regulators, store: spy }), "metadata.size"],
      ["no regulator", () => sealDataEntry({ data: csv, metadata: metadataFor(csv), regulators: [], store: spy }), "regulators"],
      ["duplicate regulator", () => sealDataEntry({ data: csv, metadata: metadataFor(csv), regulators: [regulators[0]!, { ...regulators[1]!, address: regulators[0]!.address.toLowerCase() }], store: spy }), "regulators[1].address"],
      ["bad regulator address", () => sealDataEntry({ data: csv, metadata: metadataFor(csv), regulators: [{ address: "0x12", encryptionKey: regulators[0]!.encryptionKey }], store: spy }), "regulators[0].address"],
      ["bad encryption key", () => sealDataEntry({ data: csv, metadata: metadataFor(csv), regulators: [{ address: regulators[0]!.address, encryptionKey: `0x02${"00".repeat(32)}` }], store: spy }), "regulators[0].encryptionKey"],
      ["encryption key not hex", () => sealDataEntry({ data: csv, metadata: metadataFor(csv), regulators: [{ address: regulators[0]!.address, encryptionKey: "nope" }], store: spy }), "regulators[0].encryptionKey"],
      ["short data key", () => sealDataEntry({ data: csv, metadata: metadataFor(csv), regulators, store: spy, dataKey: new Uint8Array(16) }), "dataKey"],
    ];
    for (const [label, action, names] of cases) {
      const error = await caught(action);
      expect(error, label).to.be.instanceOf(ExchangeParameterError);
      expect(error.message, label).to.include(names);
    }
    const badMetadata = await caught(() => sealDataEntry({ data: csv, metadata: metadataFor(csv, { category: "Cold Chain" }), regulators, store: spy }));
    expect(badMetadata).to.be.instanceOf(ExchangeFormatError);
    expect(badMetadata.message).to.include("category");
    expect(puts).to.have.length(0);
  });

  it("reuses a given data key (resubmitting the same data under the key the vault holds)", async function () {
    const again = await sealDataEntry({ data: csv, metadata: metadataFor(csv, { description: "corrected" }), regulators, store, dataKey: sealed.dataKey });
    expect(hexlify(again.dataKey)).to.equal(hexlify(sealed.dataKey));
    expect(again.fingerprint).to.equal(sealed.fingerprint);
    expect(again.metadataHash).to.not.equal(sealed.metadataHash);
  });

  it("refuses every malformed entry document field, naming it", function () {
    expectEachRefused(entryBytes, parseEntryDocument, [
      ["format", (d) => void (d.format = "sealedchain.exchange.delivery"), "format"],
      ["version", (d) => void (d.version = 2), "version"],
      ["extra field", (d) => void (d.owner = DEVICE), "unexpected field(s) owner"],
      ["metadata missing", (d) => void delete d.metadata, "metadata"],
      ["metadata not an object", (d) => void (d.metadata = "x"), "metadata"],
      ["fingerprint missing", (d) => void delete d.fingerprint, "fingerprint"],
      ["fingerprint upper case", (d) => void (d.fingerprint = d.fingerprint.toUpperCase().replace("0X", "0x")), "fingerprint"],
      ["fingerprint short", (d) => void (d.fingerprint = "0x1234"), "fingerprint"],
      ["dataCid not a CID", (d) => void (d.dataCid = "not-a-cid"), "dataCid"],
      ["dataCid a number", (d) => void (d.dataCid = 5), "dataCid"],
      ["cipher", (d) => void (d.cipher = "aes-256-gcm"), "cipher"],
      ["validationKeys empty", (d) => void (d.validationKeys = []), "validationKeys"],
      ["validationKeys not an array", (d) => void (d.validationKeys = {}), "validationKeys"],
      ["validationKeys item extra field", (d) => void (d.validationKeys[0].note = "x"), "validationKeys[0]"],
      ["validationKeys item not an object", (d) => void (d.validationKeys[1] = "x"), "validationKeys[1]"],
      ["regulator not an address", (d) => void (d.validationKeys[0].regulator = "0x12"), "regulator"],
      ["regulator twice", (d) => void (d.validationKeys[1].regulator = d.validationKeys[0].regulator.toLowerCase()), "validationKeys[1]"],
      ["envelope not base64", (d) => void (d.validationKeys[0].envelope = "***"), "envelope"],
      ["envelope unpadded base64", (d) => void (d.validationKeys[0].envelope = d.validationKeys[0].envelope.replace(/=+$/, "")), "envelope"],
      ["envelope too short", (d) => void (d.validationKeys[0].envelope = Buffer.alloc(40).toString("base64")), "envelope"],
      ...metadataCases((d) => d.metadata).map(([label, change, names]): FieldCase => [`metadata ${label}`, change, names]),
    ]);
    expect(() => parseEntryDocument(bytesOf("{not json"))).to.throw(ExchangeFormatError, "not UTF-8 JSON");
  });

  it("metadata: canonical round trip, and every malformed field refused naming it", function () {
    const bytes = encodeEntryMetadata(metadataFor(csv, { device: DEVICE.toLowerCase() }));
    expect(parseEntryMetadata(bytes)).to.deep.equal(metadataFor(csv));
    expect(metadataHashOf(bytes)).to.equal(sealed.metadataHash);
    expectEachRefused(bytes, parseEntryMetadata, metadataCases((d) => d));
    const spaced = bytesOf(JSON.stringify(JSON.parse(utf8(bytes)), null, 1));
    expect(() => parseEntryMetadata(spaced)).to.throw(ExchangeFormatError, "canonical");
    const reordered = edit(bytes, (d) => {
      const device = d.device;
      delete d.device;
      d.device = device;
      const category = d.category;
      delete d.category;
      d.category = category;
    });
    expect(() => parseEntryMetadata(reordered)).to.throw(ExchangeFormatError, "canonical");
  });
});

function utf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
