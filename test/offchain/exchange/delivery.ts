import { expect } from "chai";
import { Wallet, getAddress, hexlify, keccak256 } from "ethers";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";

import { generateEncryptionKeyPair } from "../../../offchain/crypto/index.js";
import {
  DeliveryMismatchError,
  ExchangeFormatError,
  ExchangeParameterError,
  NotARecipientError,
  buildDelivery,
  deliveryContext,
  deliveryHashOf,
  openDataEntry,
  openDelivery,
  parseDelivery,
  sealDataEntry,
  type BuildDeliveryParameters,
} from "../../../offchain/exchange/index.js";
import { bytesOf, caught, edit, expectEachRefused, utf8 } from "./helpers.js";

const ENTRY_CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
const OTHER_CID = "bafkreie7q3iidccmpvszul7kudcvvuavuo7u6gzlbobczuk5nqk3b4akba";
const MARKET = getAddress("0x5fbdb2315678afecb367f032d93f642f64180aa3");
const OTHER_MARKET = getAddress("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");

describe("offchain/exchange deliveries (data key sealed to the buyer of one escrow order)", function () {
  const buyer = generateEncryptionKeyPair();
  const other = generateEncryptionKeyPair();
  const dataKey = new Uint8Array(32).map((_, i) => i + 1);
  const target = { chainId: 31337n, market: MARKET, orderId: 7n, entryId: 3n };
  const parameters: BuildDeliveryParameters = { dataKey, entryCid: ENTRY_CID, ...target, buyerEncryptionKey: hexlify(buyer.publicKey) };
  const delivery = buildDelivery(parameters);

  it("round trip: the buyer gets the entry CID and the data key; the hash is keccak256 of the bytes", function () {
    const opened = openDelivery({ bytes: delivery, privateKey: buyer.privateKey, expected: { ...target, market: MARKET.toLowerCase(), entryCid: ENTRY_CID } });
    expect(opened.entryCid).to.equal(ENTRY_CID);
    expect(hexlify(opened.dataKey)).to.equal(hexlify(dataKey));
    expect(deliveryHashOf(delivery)).to.equal(keccak256(delivery));
    const parsed = parseDelivery(delivery);
    expect({ ...parsed, key: undefined }).to.deep.equal({ ...target, entryCid: ENTRY_CID, key: undefined });
    const document = JSON.parse(utf8(delivery));
    expect(Object.keys(document)).to.deep.equal(["format", "version", "chainId", "market", "orderId", "entryId", "entryCid", "key"]);
    expect(document).to.include({ format: "sealedchain.exchange.delivery", version: 1, chainId: "31337", orderId: "7", entryId: "3", market: MARKET });
    expect(deliveryContext(31337n, MARKET.toLowerCase(), 7n)).to.equal(`sealedchain.exchange.delivery/31337/${MARKET}/7`);
  });

  it("carries uint256 ids beyond 2^53 exactly", function () {
    const big = { chainId: 2n ** 64n + 1n, market: MARKET, orderId: 2n ** 255n, entryId: 2n ** 256n - 1n };
    const bytes = buildDelivery({ ...parameters, ...big });
    expect(hexlify(openDelivery({ bytes, privateKey: buyer.privateKey, expected: big }).dataKey)).to.equal(hexlify(dataKey));
  });

  it("refuses a delivery for another order, market, chain, entry or entry CID, naming the field", function () {
    for (const [field, expected] of [
      ["orderId", { ...target, orderId: 8n }],
      ["market", { ...target, market: OTHER_MARKET }],
      ["chainId", { ...target, chainId: 1n }],
      ["entryId", { ...target, entryId: 4n }],
      ["entryCid", { ...target, entryCid: OTHER_CID }],
    ] as const) {
      let error: unknown;
      try {
        openDelivery({ bytes: delivery, privateKey: buyer.privateKey, expected });
      } catch (e) {
        error = e;
      }
      expect(error, field).to.be.instanceOf(DeliveryMismatchError);
      expect(error, field).to.be.instanceOf(NotARecipientError);
      expect((error as DeliveryMismatchError).field).to.equal(field);
    }
  });

  it("refuses a delivery relabelled for another order, market or chain (the envelope's context binds them)", function () {
    for (const [field, change, expected] of [
      ["orderId", (d: Record<string, any>) => void (d.orderId = "8"), { ...target, orderId: 8n }],
      ["market", (d: Record<string, any>) => void (d.market = OTHER_MARKET), { ...target, market: OTHER_MARKET }],
      ["chainId", (d: Record<string, any>) => void (d.chainId = "1"), { ...target, chainId: 1n }],
    ] as const) {
      const relabelled = edit(delivery, change);
      expect(() => openDelivery({ bytes: relabelled, privateKey: buyer.privateKey, expected }), field).to.throw(NotARecipientError, "context");
    }
  });

  it("another member cannot open it", function () {
    expect(() => openDelivery({ bytes: delivery, privateKey: other.privateKey, expected: target })).to.throw(NotARecipientError, "does not open with this private key");
  });

  it("refuses a tampered key envelope", function () {
    const document = JSON.parse(utf8(delivery)) as Record<string, string>;
    const envelope = Buffer.from(document["key"]!, "base64");
    for (const index of [0, 4, 40, envelope.length - 1]) {
      const tampered = Buffer.from(envelope);
      tampered[index]! ^= 0x01;
      const bytes = edit(delivery, (d) => void (d.key = tampered.toString("base64")));
      expect(() => openDelivery({ bytes, privateKey: buyer.privateKey, expected: target }), `byte ${index}`).to.throw(NotARecipientError);
    }
  });

  it("refuses every malformed field, naming it", function () {
    const parse = (bytes: Uint8Array) => openDelivery({ bytes, privateKey: buyer.privateKey, expected: target });
    expectEachRefused(delivery, parse, [
      ["format", (d) => void (d.format = "sealedchain.exchange.entry"), "format"],
      ["version", (d) => void (d.version = "1"), "version"],
      ["extra field", (d) => void (d.buyer = MARKET), "unexpected field(s) buyer"],
      ["chainId a number", (d) => void (d.chainId = 31337), "chainId"],
      ["chainId zero", (d) => void (d.chainId = "0"), "chainId"],
      ["chainId leading zero", (d) => void (d.chainId = "031337"), "chainId"],
      ["market not an address", (d) => void (d.market = "0x5fbd"), "market"],
      ["orderId negative", (d) => void (d.orderId = "-7"), "orderId"],
      ["orderId hex", (d) => void (d.orderId = "0x7"), "orderId"],
      ["orderId beyond uint256", (d) => void (d.orderId = (2n ** 256n).toString()), "orderId"],
      ["entryId missing", (d) => void delete d.entryId, "entryId"],
      ["entryCid not a CID", (d) => void (d.entryCid = "Qm-nope"), "entryCid"],
      ["key not base64", (d) => void (d.key = "%%%"), "key"],
      ["key too short", (d) => void (d.key = Buffer.alloc(20).toString("base64")), "key"],
    ]);
    expect(() => parseDelivery(bytesOf("[]"))).to.throw(ExchangeFormatError, "expected a JSON object");
  });

  it("refuses bad parameters, naming them", function () {
    for (const [parameter, change] of [
      ["dataKey", { dataKey: new Uint8Array(31) }],
      ["chainId", { chainId: 0n }],
      ["orderId", { orderId: -1n }],
      ["entryId", { entryId: 2n ** 256n }],
      ["market", { market: "market" }],
      ["entryCid", { entryCid: "nope" }],
      ["buyerEncryptionKey", { buyerEncryptionKey: `0x04${"11".repeat(64)}` }],
    ] as const) {
      expect(() => buildDelivery({ ...parameters, ...change }), parameter).to.throw(ExchangeParameterError, parameter);
    }
  });

  it("end to end: the seller seals an entry, delivers its key; the buyer decrypts and checks the fingerprint", async function () {
    const blocks = new Map<string, Uint8Array>();
    const put = async (bytes: Uint8Array) => {
      const cid = CID.create(1, raw.code, await sha256.digest(bytes)).toString();
      blocks.set(cid, bytes);
      return cid;
    };
    const store = { put, pin: async () => undefined };
    const regulator = generateEncryptionKeyPair();
    const data = bytesOf("pallet,celsius\nP-1,3.9\n");
    const device = Wallet.createRandom().address;
    const sealed = await sealDataEntry({
      data,
      metadata: { category: "logistics.cold-chain", description: "", mediaType: "text/csv", size: data.length, producedAt: 1, device },
      regulators: [{ address: Wallet.createRandom().address, encryptionKey: hexlify(regulator.publicKey) }],
      store,
    });
    const bytes = buildDelivery({ ...parameters, entryCid: sealed.entryCid, dataKey: sealed.dataKey });
    const { dataKey: delivered, entryCid } = openDelivery({ bytes, privateKey: buyer.privateKey, expected: { ...target, entryCid: sealed.entryCid } });
    expect(entryCid).to.equal(sealed.entryCid);
    const opened = await openDataEntry({ entryBytes: blocks.get(sealed.entryCid)!, fetchCiphertext: async (cid) => blocks.get(cid)!, key: { dataKey: delivered }, expectedFingerprint: sealed.fingerprint });
    expect(utf8(opened.data)).to.equal(utf8(data));
    const error = await caught(() => openDataEntry({ entryBytes: blocks.get(sealed.entryCid)!, fetchCiphertext: async (cid) => blocks.get(cid)!, key: { dataKey } }));
    expect(error.name).to.equal("DataDecryptionError");
  });
});
