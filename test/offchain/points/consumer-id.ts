import { expect } from "chai";

import { id } from "ethers";

import { PointsFormatError, consumerIdOf, newConsumerPseudonym } from "../../../offchain/points/index.js";

describe("points consumer ids: pseudonyms used as is, other text hashed, malformed pseudonyms refused", () => {
  it("a 32-byte pseudonym is used as is (case folded), whitespace around it ignored", () => {
    const pseudonym = newConsumerPseudonym();
    expect(consumerIdOf(pseudonym)).to.equal(pseudonym);
    expect(consumerIdOf(` ${pseudonym.toUpperCase().replace("0X", "0x")} `)).to.equal(pseudonym);
    expect(consumerIdOf(`0X${pseudonym.slice(2)}`)).to.equal(pseudonym);
  });

  it("other text is hashed under the fixed label (the same text gives the same id; different text does not)", () => {
    expect(consumerIdOf("mallory")).to.equal(id("sealedchain/points/consumer/mallory"));
    expect(consumerIdOf("mallory")).to.not.equal(consumerIdOf("mallory2"));
  });

  it("fresh pseudonyms are 32 random bytes, never repeated", () => {
    const seen = new Set(Array.from({ length: 200 }, () => newConsumerPseudonym()));
    expect(seen.size).to.equal(200);
    for (const p of seen) expect(p).to.match(/^0x[0-9a-f]{64}$/);
  });

  for (const [label, bad] of [["an empty", ""], ["a blank", "   "], ["a short hex", "0x1234"], ["a 65-hex-digit", `0x${"a".repeat(65)}`], ["a non-hex", `0x${"g".repeat(64)}`], ["a bare 0x", "0x"]] as const) {
    it(`refuses ${label} consumer with an error naming it`, () => {
      expect(() => consumerIdOf(bad)).to.throw(PointsFormatError, /consumer/);
    });
  }
});
