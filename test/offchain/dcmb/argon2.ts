import argon2 from "argon2";
import { expect } from "chai";

import { DcmbParameterError, OWASP_ARGON2ID, argon2Hash, conditionHash, generateSalt, parseArgon2Params } from "../../../offchain/dcmb/index.js";
import { FAST, rejection } from "./helpers.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const SALT = utf8("sealedchain-dcmb"); // 16 bytes
/** Argon2id m=19456 KiB t=2 p=1, 32 bytes, of "5367" with salt "sealedchain-dcmb" (computed with
 * the argon2 package and @noble/hashes' argon2id, which agree). */
const KAT_5367 = "0xf31226bb80a7206c119d2a9ad3f0f8bc4117bbf61c37317b176a1542ef0047ad";
/** The same of "Maintenance imminent" with salt "fjpd7fjpd7fjpd7!" (the paper's salt, repeated to 16 bytes). */
const KAT_LABEL = "0x6390218ef94c34c2d6c66174cca548138625b59f45d268b61365338eccc04110";

describe("offchain/dcmb Argon2id", function () {
  this.timeout(60_000);

  it("matches the known answers at OWASP parameters", async () => {
    expect(await argon2Hash({ data: utf8("5367"), salt: SALT })).to.equal(KAT_5367);
    expect(await conditionHash({ label: "Maintenance imminent", salt: utf8("fjpd7fjpd7fjpd7!") })).to.equal(KAT_LABEL);
  });

  it("agrees with the argon2 package called directly and with @noble/hashes", async () => {
    const direct = await argon2.hash(Buffer.from("5367"), { type: argon2.argon2id, raw: true, salt: Buffer.from(SALT), memoryCost: 19456, timeCost: 2, parallelism: 1, hashLength: 32 });
    expect(`0x${direct.toString("hex")}`).to.equal(KAT_5367);
    const { argon2id } = await import("@noble/hashes/argon2.js");
    const noble = argon2id(utf8("5367"), SALT, { m: 19456, t: 2, p: 1, dkLen: 32 });
    expect(`0x${Buffer.from(noble).toString("hex")}`).to.equal(KAT_5367);
    const small = argon2id(utf8("x"), SALT, { m: 1024, t: 1, p: 1, dkLen: 32 });
    expect(await argon2Hash({ data: utf8("x"), salt: SALT, params: FAST })).to.equal(`0x${Buffer.from(small).toString("hex")}`);
  });

  it("depends on data, salt and parameters", async () => {
    const base = await argon2Hash({ data: utf8("a"), salt: SALT, params: FAST });
    expect(await argon2Hash({ data: utf8("b"), salt: SALT, params: FAST })).to.not.equal(base);
    expect(await argon2Hash({ data: utf8("a"), salt: utf8("sealedchain-dcmc"), params: FAST })).to.not.equal(base);
    expect(await argon2Hash({ data: utf8("a"), salt: SALT, params: { ...FAST, iterations: 2 } })).to.not.equal(base);
    expect(base).to.match(/^0x[0-9a-f]{64}$/);
  });

  it("generates 16-byte salts that differ", () => {
    const a = generateSalt();
    expect(a).to.be.instanceOf(Uint8Array);
    expect(a.length).to.equal(16);
    expect(Buffer.from(generateSalt()).equals(Buffer.from(a))).to.equal(false);
  });

  it("refuses salts outside 8..64 bytes and empty labels", async () => {
    expect((await rejection(argon2Hash({ data: utf8("a"), salt: new Uint8Array(7), params: FAST }))).message).to.match(/^salt:/);
    expect((await rejection(argon2Hash({ data: utf8("a"), salt: new Uint8Array(65), params: FAST })))).to.be.instanceOf(DcmbParameterError);
    expect((await rejection(conditionHash({ label: "", salt: SALT, params: FAST }))).message).to.match(/^label:/);
  });

  it("parses Argon2 parameters, naming the bad field", () => {
    expect(OWASP_ARGON2ID).to.deep.equal({ memoryKiB: 19456, iterations: 2, parallelism: 1 });
    expect(parseArgon2Params({ memoryKiB: 8, iterations: 1, parallelism: 1 })).to.deep.equal({ memoryKiB: 8, iterations: 1, parallelism: 1 });
    expect(parseArgon2Params({ memoryKiB: 4_194_304, iterations: 100, parallelism: 16 }).memoryKiB).to.equal(4_194_304);
    const bad: [unknown, RegExp][] = [
      [null, /argon2 params/],
      [[1], /argon2 params/],
      [{ memoryKiB: 7, iterations: 1, parallelism: 1 }, /memoryKiB/],
      [{ memoryKiB: 4_194_305, iterations: 1, parallelism: 1 }, /memoryKiB/],
      [{ memoryKiB: 1024.5, iterations: 1, parallelism: 1 }, /memoryKiB/],
      [{ memoryKiB: 1024, iterations: 0, parallelism: 1 }, /iterations/],
      [{ memoryKiB: 1024, iterations: 101, parallelism: 1 }, /iterations/],
      [{ memoryKiB: 1024, iterations: 1, parallelism: 0 }, /parallelism/],
      [{ memoryKiB: 1024, iterations: 1, parallelism: 17 }, /parallelism/],
      [{ memoryKiB: 1024, iterations: "1", parallelism: 1 }, /iterations/],
      [{ memoryKiB: 1024, parallelism: 1 }, /iterations/],
      [{ memoryKiB: 127, iterations: 1, parallelism: 16 }, /memoryKiB: expected at least 8 × parallelism = 128/],
      [{ memoryKiB: 1024, iterations: 1, parallelism: 1, salt: 1 }, /unexpected field\(s\) salt/],
    ];
    for (const [value, pattern] of bad) {
      expect(() => parseArgon2Params(value), JSON.stringify(value)).to.throw(DcmbParameterError, pattern);
    }
  });
});
