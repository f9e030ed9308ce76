import { expect } from "chai";

import {
  PointsFormatError,
  PointsStateError,
  encodeFormulaResult,
  encodeIssuance,
  encodeOracleRequest,
  parseFormulaResult,
  parseIssuance,
  parseOracleRequest,
} from "../../../offchain/points/index.js";
import { requireActiveAuthorization } from "../../../offchain/points/authorization-state.js";
import { tierName } from "../../../offchain/crypto/index.js";

const CONSUMER = `0x${"ab".repeat(32)}`;
const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
const bytesOf = (object: unknown) => new TextEncoder().encode(JSON.stringify(object));

type Case = { name: string; change: (d: Record<string, unknown>) => void; message: RegExp };

/** Each case edits a valid document and must be refused with a PointsFormatError naming the field. */
function refusesEach(valid: Uint8Array, parse: (bytes: Uint8Array) => unknown, cases: Case[]) {
  for (const { name, change, message } of cases) {
    const document = json(valid);
    change(document);
    expect(() => parse(bytesOf(document)), name).to.throw(PointsFormatError, message);
  }
}

const common: Case[] = [
  { name: "another format", change: (d) => (d["format"] = "sealedchain.points.other"), message: /format: expected/ },
  { name: "version 2", change: (d) => (d["version"] = 2), message: /version: expected 1/ },
  { name: "an extra field", change: (d) => (d["extra"] = 1), message: /unexpected field\(s\) extra/ },
];

describe("points documents: round trips and every malformed field refused", () => {
  it("an issuance round-trips and refuses bad key ids, consumer ids and ciphertexts", () => {
    const issuance = { keyId: 7n, consumerId: CONSUMER, ciphertext: 123456789n };
    const bytes = encodeIssuance(issuance);
    expect(parseIssuance(bytes)).to.deep.equal(issuance);
    refusesEach(bytes, parseIssuance, [
      ...common,
      { name: "key id 0", change: (d) => (d["keyId"] = "0"), message: /keyId: expected a positive decimal string, got "0"/ },
      { name: "key id with a leading zero", change: (d) => (d["keyId"] = "07"), message: /keyId: expected a positive decimal string/ },
      { name: "key id as a number", change: (d) => (d["keyId"] = 7), message: /keyId: expected a non-empty string/ },
      { name: "consumer id too short", change: (d) => (d["consumerId"] = "0x1234"), message: /consumerId: expected 0x and 64 lowercase hex digits/ },
      { name: "consumer id upper case", change: (d) => (d["consumerId"] = CONSUMER.toUpperCase().replace("0X", "0x")), message: /consumerId/ },
      { name: "ciphertext decimal", change: (d) => (d["ciphertext"] = "123"), message: /ciphertext: expected a 0x lowercase hex integer/ },
      { name: "ciphertext bare 0x", change: (d) => (d["ciphertext"] = "0x"), message: /ciphertext/ },
      { name: "ciphertext missing", change: (d) => delete d["ciphertext"], message: /ciphertext/ },
    ]);
    expect(() => parseIssuance(new TextEncoder().encode("not json"))).to.throw(PointsFormatError, /not UTF-8 JSON/);
  });

  it("an oracle request round-trips and refuses bad ids, kinds and ciphertexts", () => {
    const request = { authorizationId: 3n, kind: "reveal" as const, ciphertext: 0xabcn };
    const bytes = encodeOracleRequest(request);
    expect(parseOracleRequest(bytes)).to.deep.equal(request);
    refusesEach(bytes, parseOracleRequest, [
      ...common,
      { name: "authorisation 0", change: (d) => (d["authorizationId"] = "0"), message: /authorizationId: expected a positive decimal string/ },
      { name: "authorisation negative", change: (d) => (d["authorizationId"] = "-3"), message: /authorizationId/ },
      { name: "another kind", change: (d) => (d["kind"] = "decrypt"), message: /kind: expected "compare" or "reveal", got "decrypt"/ },
      { name: "ciphertext negative", change: (d) => (d["ciphertext"] = "-0x1"), message: /ciphertext/ },
    ]);
  });

  it("a formula result round-trips and refuses bad ids and envelopes", () => {
    const result = { authorizationId: 12n, maskedValue: "AAEC", mask: "AwQ=" };
    const bytes = encodeFormulaResult(result);
    expect(parseFormulaResult(bytes)).to.deep.equal(result);
    refusesEach(bytes, parseFormulaResult, [
      ...common,
      { name: "authorisation hex", change: (d) => (d["authorizationId"] = "0xc"), message: /authorizationId/ },
      { name: "masked value not base64", change: (d) => (d["maskedValue"] = "not base64!"), message: /maskedValue: expected a base64 envelope/ },
      { name: "mask empty", change: (d) => (d["mask"] = ""), message: /mask: expected a base64 envelope/ },
    ]);
  });

  it("names tiers from the thresholds, and refuses an authorisation that is not Active by its state's name", () => {
    expect([0, 1, 2, 3].map(tierName)).to.deep.equal(["below 2000", "2000 to 5000", "5000 to 10000", "10000 and above"]);
    expect(tierName(4)).to.equal("unknown tier 4");
    requireActiveAuthorization({ state: 1n }, 5n);
    for (const [state, name] of [[0n, "None"], [2n, "Used"], [3n, "Revoked"], [9n, "9"]] as const) {
      expect(() => requireActiveAuthorization({ state }, 5n)).to.throw(PointsStateError, `authorisation 5: expected Active, got ${name}`);
    }
  });
});
