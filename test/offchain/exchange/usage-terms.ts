import { expect } from "chai";
import { keccak256 } from "ethers";

import {
  ExchangeFormatError,
  encodeRequirements,
  encodeUsageTerms,
  parseRequirements,
  parseUsageTerms,
  requirementsHashOf,
  usageTermsHashOf,
  type Requirements,
  type UsageTerms,
} from "../../../offchain/exchange/index.js";
import { expectEachRefused, utf8 } from "./helpers.js";

describe("offchain/exchange usage terms and requirements documents", function () {
  const terms: UsageTerms = { purposes: ["route-optimisation", "research.cold-chain"], resale: true, retentionDays: 365, attribution: "Carrier F" };
  const requirements: Requirements = { category: "logistics.cold-chain", purpose: "route-optimisation", description: "Reefer temperatures in 2025, one reading a minute or finer" };

  it("usage terms: round trip, documented layout, hash = keccak256 of the bytes", function () {
    const bytes = encodeUsageTerms(terms);
    expect(parseUsageTerms(bytes)).to.deep.equal(terms);
    expect(JSON.parse(utf8(bytes))).to.deep.equal({ format: "sealedchain.exchange.usage-terms", version: 1, ...terms });
    expect(usageTermsHashOf(bytes)).to.equal(keccak256(bytes));
    const minimal = { purposes: ["a"], resale: false, retentionDays: 1, attribution: "" };
    expect(parseUsageTerms(encodeUsageTerms(minimal))).to.deep.equal(minimal);
    expect(parseUsageTerms(encodeUsageTerms({ ...minimal, retentionDays: 3650, attribution: "x".repeat(200) })).retentionDays).to.equal(3650);
  });

  it("usage terms: every malformed field refused, naming it (parse and encode)", function () {
    const cases: Parameters<typeof expectEachRefused>[2] = [
      ["format", (d) => void (d.format = "sealedchain.exchange.requirements"), "format"],
      ["version", (d) => void (d.version = 0), "version"],
      ["extra field", (d) => void (d.price = 1), "unexpected field(s) price"],
      ["purposes empty", (d) => void (d.purposes = []), "purposes"],
      ["purposes not an array", (d) => void (d.purposes = "research"), "purposes"],
      ["purposes too many", (d) => void (d.purposes = Array.from({ length: 33 }, (_, i) => `p${i}`)), "purposes"],
      ["purpose not a label", (d) => void (d.purposes[1] = "Research"), "purposes[1]"],
      ["purpose too long", (d) => void (d.purposes[0] = "p".repeat(65)), "purposes[0]"],
      ["purpose twice", (d) => void (d.purposes[1] = d.purposes[0]), "purposes[1]"],
      ["resale not a boolean", (d) => void (d.resale = "yes"), "resale"],
      ["resale missing", (d) => void delete d.resale, "resale"],
      ["retentionDays 0", (d) => void (d.retentionDays = 0), "retentionDays"],
      ["retentionDays 3651", (d) => void (d.retentionDays = 3651), "retentionDays"],
      ["retentionDays fractional", (d) => void (d.retentionDays = 1.5), "retentionDays"],
      ["attribution too long", (d) => void (d.attribution = "x".repeat(201)), "attribution"],
      ["attribution not a string", (d) => void (d.attribution = null), "attribution"],
    ];
    expectEachRefused(encodeUsageTerms(terms), parseUsageTerms, cases);
    expectEachRefused(encodeUsageTerms(terms), (bytes) => encodeUsageTerms(JSON.parse(utf8(bytes)) as UsageTerms), cases.filter(([label]) => !["format", "version", "extra field"].includes(label)));
  });

  it("requirements: round trip, documented layout, hash = keccak256 of the bytes", function () {
    const bytes = encodeRequirements(requirements);
    expect(parseRequirements(bytes)).to.deep.equal(requirements);
    expect(JSON.parse(utf8(bytes))).to.deep.equal({ format: "sealedchain.exchange.requirements", version: 1, ...requirements });
    expect(requirementsHashOf(bytes)).to.equal(keccak256(bytes));
    expect(requirementsHashOf(bytes)).to.not.equal(requirementsHashOf(encodeRequirements({ ...requirements, description: "" })));
  });

  it("requirements: every malformed field refused, naming it (parse and encode)", function () {
    const cases: Parameters<typeof expectEachRefused>[2] = [
      ["format", (d) => void (d.format = "sealedchain.exchange.usage-terms"), "format"],
      ["version", (d) => void (d.version = 2), "version"],
      ["extra field", (d) => void (d.maxPrice = "1"), "unexpected field(s) maxPrice"],
      ["category empty", (d) => void (d.category = ""), "category"],
      ["category not a label", (d) => void (d.category = "cold_chain"), "category"],
      ["purpose missing", (d) => void delete d.purpose, "purpose"],
      ["purpose too long", (d) => void (d.purpose = "p".repeat(65)), "purpose"],
      ["description too long", (d) => void (d.description = "d".repeat(501)), "description"],
      ["description not a string", (d) => void (d.description = ["x"]), "description"],
    ];
    expectEachRefused(encodeRequirements(requirements), parseRequirements, cases);
    expectEachRefused(encodeRequirements(requirements), (bytes) => encodeRequirements(JSON.parse(utf8(bytes)) as Requirements), cases.filter(([label]) => !["format", "version", "extra field"].includes(label)));
    expect(() => parseRequirements(new Uint8Array([0xff]))).to.throw(ExchangeFormatError, "not UTF-8 JSON");
  });
});
