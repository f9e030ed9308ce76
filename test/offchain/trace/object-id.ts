import { expect } from "chai";
import { encodeBytes32String, hexlify, randomBytes } from "ethers";

import { TraceFormatError, objectIdOf, objectLabelOf } from "../../../offchain/trace/index.js";
import { rejection } from "./helpers.js";

describe("offchain/trace object ids", () => {
  it("encodes a label as bytes32 text and gives it back", () => {
    expect(objectIdOf("lot-1")).to.equal(encodeBytes32String("lot-1"));
    expect(objectLabelOf(objectIdOf("lot-1"))).to.equal("lot-1");
    expect(objectLabelOf(objectIdOf("Äpfel 🍎"))).to.equal("Äpfel 🍎");
    expect(objectLabelOf(objectIdOf("x".repeat(31)))).to.equal("x".repeat(31));
  });

  it("takes 0x + 64 hex digits as the id itself, lower-cased", () => {
    const id = `0x${"AB".repeat(32)}`;
    expect(objectIdOf(id)).to.equal(id.toLowerCase());
    expect(objectLabelOf(id)).to.equal(id.toLowerCase()); // no terminating zero: not text
  });

  it("round-trips random printable labels of 1..31 bytes (property)", () => {
    const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ .:/#äöü€";
    for (let run = 0; run < 300; run++) {
      let label = "";
      const length = 1 + Math.floor(Math.random() * 31);
      while (Buffer.byteLength(label + "x") <= length) label += alphabet[Math.floor(Math.random() * alphabet.length)];
      if (label === "" || Buffer.byteLength(label) > 31) continue;
      expect(objectLabelOf(objectIdOf(label)), label).to.equal(label);
    }
  });

  it("shows random 32-byte ids as hex unless they are printable text (property)", () => {
    for (let run = 0; run < 300; run++) {
      const id = hexlify(randomBytes(32));
      const label = objectLabelOf(id);
      if (label !== id) expect(objectIdOf(label)).to.equal(id);
    }
    // text that is not printable or does not round-trip stays hex
    const withControl = encodeBytes32String("a\u0001b");
    expect(objectLabelOf(withControl)).to.equal(withControl);
    const innerZero = `0x61006200${"0".repeat(56)}`;
    expect(objectLabelOf(innerZero)).to.equal(innerZero);
    const notUtf8 = `0xff${"0".repeat(62)}`;
    expect(objectLabelOf(notUtf8)).to.equal(notUtf8);
    expect(objectLabelOf(`0x${"0".repeat(64)}`)).to.equal(`0x${"0".repeat(64)}`);
  });

  it("refuses empty, too long, non-printable and zero labels, naming them", async () => {
    for (const label of ["", "x".repeat(32), "ä".repeat(16), "tab\there", `0x${"0".repeat(64)}`, 5 as unknown as string]) {
      const error = await rejection(() => objectIdOf(label));
      expect(error, String(label)).to.be.instanceOf(TraceFormatError);
    }
    expect((await rejection(() => objectIdOf("x".repeat(32)))).message).to.contain("x".repeat(32)).and.contain("32 bytes");
    for (const id of ["lot-1", "0x1234", `0x${"g".repeat(64)}`]) {
      expect(await rejection(() => objectLabelOf(id)), id).to.be.instanceOf(TraceFormatError);
    }
  });
});
