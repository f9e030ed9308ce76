import { expect } from "chai";

import { DcmbRuleError, conditionHash, parseIntervalRules, ruleFor } from "../../../offchain/dcmb/index.js";
import { FAST } from "./helpers.js";

const PAPER = [
  { min: 0, max: 5300, label: "normal operation", severity: 1 },
  { min: 5300, max: 5400, label: "maintenance imminent", severity: 4 },
  { min: 5400, max: 1e9, label: "maintenance overdue", severity: 5 },
];

describe("offchain/dcmb interval rules (Algorithm 4)", () => {
  it("maps the paper's 5367 to maintenance imminent", () => {
    const rules = parseIntervalRules(PAPER);
    expect(ruleFor(rules, 5367)?.label).to.equal("maintenance imminent");
    expect(ruleFor(rules, 5300)?.label).to.equal("maintenance imminent");
    expect(ruleFor(rules, 5400)?.label).to.equal("maintenance overdue");
    expect(ruleFor(rules, 5299.9)?.label).to.equal("normal operation");
    expect(ruleFor(rules, -1)).to.equal(undefined);
    expect(ruleFor(rules, Number.NaN)).to.equal(undefined);
  });

  it("allows gaps and touching intervals in any order", () => {
    const rules = parseIntervalRules([{ min: 10, max: 20, label: "b", severity: 2 }, { min: 0, max: 5, label: "a", severity: 1 }, { min: 5, max: 10, label: "c", severity: 3 }]);
    expect(rules.map((r) => r.label)).to.deep.equal(["b", "a", "c"]);
    expect(ruleFor(parseIntervalRules([{ min: 0, max: 1, label: "x", severity: 1 }, { min: 2, max: 3, label: "y", severity: 1 }]), 1.5)).to.equal(undefined);
  });

  const ok = { min: 0, max: 1, label: "x", severity: 1 };
  const bad: [unknown, RegExp][] = [
    [[], /interval rules: expected an array/],
    [{}, /interval rules/],
    [[ok, null], /rule \[1\]/],
    [[{ ...ok, min: 1 }], /rule \[0\]: expected min < max/],
    [[{ ...ok, min: 2 }], /rule \[0\]: expected min < max/],
    [[{ ...ok, min: "0" }], /rule \[0\]: min/],
    [[{ ...ok, max: Infinity }], /rule \[0\]: max/],
    [[ok, { ...ok, label: "" }], /rule \[1\]: label/],
    [[{ ...ok, label: "   " }], /rule \[0\]: label/],
    [[{ ...ok, label: "x".repeat(257) }], /rule \[0\]: label/],
    [[{ ...ok, severity: 0 }], /rule \[0\]: severity/],
    [[{ ...ok, severity: 6 }], /rule \[0\]: severity/],
    [[{ ...ok, severity: 2.5 }], /rule \[0\]: severity/],
    [[{ ...ok, note: "" }], /rule \[0\]: unexpected field/],
    [[{ min: 0, max: 10, label: "a", severity: 1 }, { min: 20, max: 30, label: "b", severity: 1 }, { min: 9, max: 12, label: "c", severity: 1 }], /rule \[2\]: \[9, 12\) overlaps rule \[0\]/],
    [[{ min: 0, max: 10, label: "a", severity: 1 }, { min: 0, max: 10, label: "b", severity: 1 }], /overlaps/],
  ];
  for (const [value, pattern] of bad) {
    it(`refuses ${JSON.stringify(value).slice(0, 70)}`, () => {
      expect(() => parseIntervalRules(value)).to.throw(DcmbRuleError, pattern);
    });
  }

  it("hashes condition labels with Argon2id, salted", async () => {
    const salt = new TextEncoder().encode("fjpd7-fjpd7-fjpd");
    const a = await conditionHash({ label: "maintenance imminent", salt, params: FAST });
    expect(a).to.match(/^0x[0-9a-f]{64}$/);
    expect(await conditionHash({ label: "maintenance imminent", salt, params: FAST })).to.equal(a);
    expect(await conditionHash({ label: "Maintenance imminent", salt, params: FAST })).to.not.equal(a);
  });
});
