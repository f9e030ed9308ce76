import { expect } from "chai";
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { IDcmbAuditTrail__factory } from "../../../types/ethers-contracts/index.js";
import {
  DCMB_MODULE,
  DCMB_VALIDATION_CHECKS,
  ModuleNotCertifiedError,
  ModuleSourceError,
  assertModuleCertified,
  DCMB_VALIDATION_DATASET,
  confidentialityCheck,
  datasetParsesCheck,
  encodeDcmbCalldata,
  hashModuleArtifact,
  hashModuleSource,
  runValidationSuite,
  scanImportedPackages,
  type AssertModuleCertifiedParameters,
  type ValidationCheckDefinition,
} from "../../../offchain/dcmb/certification/index.js";

const FOLDER = "fake/module";
const VALIDATOR = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
const projectRoot = path.resolve(import.meta.dirname, "../../..");

/** A temp project with a fake module (two code files, a nested one, a dotfile) and a package-lock. */
async function fakeProject(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "sealedchain-cert-"));
  await mkdir(path.join(root, FOLDER, "sub"), { recursive: true });
  await writeFile(path.join(root, FOLDER, "send.ts"), `import { keccak256 } from "ethers";\nimport type { Foo } from "type-only";\nimport { createHash } from "node:crypto";\nimport { x } from "./sub/salt.js";\nexport const a = 1;\n`);
  await writeFile(path.join(root, FOLDER, "sub", "salt.ts"), `const argon2 = await import("argon2");\nexport { leaf } from "@openzeppelin/merkle-tree/dist/index.js";\nexport const x = 2;\n`);
  await writeFile(path.join(root, FOLDER, ".notes"), "ignored\n");
  await writeFile(path.join(root, "dataset.csv"), "time,value\n2024-03-04T06:00:00Z,5366\n2024-03-04T06:01:00Z,5367\n");
  await writeLock(root, "6.17.0");
  return root;
}

async function writeLock(root: string, ethersVersion: string): Promise<void> {
  const lock = {
    lockfileVersion: 3,
    packages: {
      "": { name: "fake" },
      "node_modules/ethers": { version: ethersVersion, integrity: `sha512-ethers-${ethersVersion}` },
      "node_modules/argon2": { version: "0.45.1", integrity: "sha512-argon2" },
      "node_modules/@openzeppelin/merkle-tree": { version: "1.0.8", integrity: "sha512-oz" },
    },
  };
  await writeFile(path.join(root, "package-lock.json"), JSON.stringify(lock, null, 2));
}

describe("dcmb/certification", function () {
  let root: string;
  beforeEach(async () => {
    root = await fakeProject();
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe("hashModuleSource", () => {
    it("is deterministic, skips dotfiles and lists files sorted by POSIX path", async () => {
      const [a, b] = [await hashModuleSource({ projectRoot: root, folder: FOLDER }), await hashModuleSource({ projectRoot: root, folder: FOLDER })];
      expect(a.sourceHash).to.match(/^0x[0-9a-f]{64}$/).and.equal(b.sourceHash);
      expect(a.files.map((f) => f.path)).to.deep.equal(["send.ts", "sub/salt.ts"]);
    });

    it("changes with a one-byte change of a file", async () => {
      const before = await hashModuleSource({ projectRoot: root, folder: FOLDER });
      const file = path.join(root, FOLDER, "send.ts");
      await writeFile(file, (await readFile(file, "utf8")).replace("a = 1", "a = 2"));
      expect((await hashModuleSource({ projectRoot: root, folder: FOLDER })).sourceHash).to.not.equal(before.sourceHash);
    });

    it("changes when a file is renamed (same content)", async () => {
      const before = await hashModuleSource({ projectRoot: root, folder: FOLDER });
      await rename(path.join(root, FOLDER, "send.ts"), path.join(root, FOLDER, "sender.ts"));
      const after = await hashModuleSource({ projectRoot: root, folder: FOLDER });
      expect(after.sourceHash).to.not.equal(before.sourceHash);
      expect(after.files.map((f) => f.sha256)).to.have.members(before.files.map((f) => f.sha256));
    });

    it("refuses symlinks, a missing folder and a folder outside the project", async () => {
      await symlink(path.join(root, "dataset.csv"), path.join(root, FOLDER, "link.csv"));
      await expectRejection(hashModuleSource({ projectRoot: root, folder: FOLDER }), ModuleSourceError, "link.csv is a symbolic link");
      await expectRejection(hashModuleSource({ projectRoot: root, folder: "missing" }), ModuleSourceError, "found none");
      await expectRejection(hashModuleSource({ projectRoot: root, folder: "../elsewhere" }), ModuleSourceError, "inside the project root");
    });
  });

  describe("hashModuleArtifact", () => {
    it("scans bare runtime imports (scoped names kept, subpaths trimmed, types and built-ins left out)", () => {
      expect(scanImportedPackages(`import type { A } from "t";\nimport { b } from "ethers/lib";\nimport("@noble/hashes/sha2");\nimport "side-effect";\nimport fs from "node:fs";\nimport path from "path";\nimport { c } from "../c.js";`)).to.deep.equal(["@noble/hashes", "ethers", "side-effect"]);
    });

    it("records exact versions and integrity, and changes when a dependency version changes", async () => {
      const before = await hashModuleArtifact({ projectRoot: root, folder: FOLDER, runtime: "node-22" });
      expect(before.dependencies).to.deep.equal({
        "@openzeppelin/merkle-tree": "1.0.8 sha512-oz",
        argon2: "0.45.1 sha512-argon2",
        ethers: "6.17.0 sha512-ethers-6.17.0",
      });
      expect(before.runtime).to.equal("node-22");
      expect((await hashModuleArtifact({ projectRoot: root, folder: FOLDER, runtime: "node-22" })).artifactHash).to.equal(before.artifactHash);
      await writeLock(root, "6.17.1");
      const after = await hashModuleArtifact({ projectRoot: root, folder: FOLDER, runtime: "node-22" });
      expect(after.sourceHash).to.equal(before.sourceHash);
      expect(after.artifactHash).to.not.equal(before.artifactHash);
      expect((await hashModuleArtifact({ projectRoot: root, folder: FOLDER, runtime: "node-24" })).artifactHash).to.not.equal(before.artifactHash);
    });
  });

  describe("runValidationSuite", () => {
    const failing: ValidationCheckDefinition = { name: "always fails", run: async () => ({ passed: false, detail: "on purpose" }) };
    const throwing: ValidationCheckDefinition = { name: "throws", run: async () => { throw new Error("boom"); } };

    it("records every check, the hashes and the data set; passes when all checks pass", async () => {
      const log = await runValidationSuite({ projectRoot: root, folder: FOLDER, moduleVersion: "1.0.0", validator: VALIDATOR, checks: [datasetParsesCheck()], dataset: "dataset.csv" });
      expect(log).to.include({ format: "sealedchain/dcmb-validation-log", version: 1, module: DCMB_MODULE.name, moduleVersion: "1.0.0", validator: VALIDATOR, passed: true });
      expect(log.dataset.path).to.equal("dataset.csv");
      expect(log.dataset.sha256).to.match(/^[0-9a-f]{64}$/);
      expect(log.sourceHash).to.equal((await hashModuleSource({ projectRoot: root, folder: FOLDER })).sourceHash);
      expect(log.checks).to.deep.equal([{ name: "dataset parses", passed: true, detail: "2 readings, values 5366..5367" }]);
    });

    it("is not passed when one check fails or throws, and still runs the others", async () => {
      const log = await runValidationSuite({ projectRoot: root, folder: FOLDER, moduleVersion: "1.0.0", validator: VALIDATOR, checks: [datasetParsesCheck(), failing, throwing], dataset: "dataset.csv" });
      expect(log.passed).to.equal(false);
      expect(log.checks.map((c) => [c.name, c.passed])).to.deep.equal([["dataset parses", true], ["always fails", false], ["throws", false]]);
      expect(log.checks[2]!.detail).to.include("boom");
    });

    it("dataset parses fails on a non-numeric value", async () => {
      await writeFile(path.join(root, "bad.csv"), "2024-03-04T06:00:00Z,5366\n2024-03-04T06:01:00Z,many\n");
      const log = await runValidationSuite({ projectRoot: root, folder: FOLDER, moduleVersion: "1.0.0", validator: VALIDATOR, checks: [datasetParsesCheck()], dataset: "bad.csv" });
      expect(log.passed).to.equal(false);
      expect(log.checks[0]!.detail).to.include(`line 2: expected a numeric value, got "many"`);
    });

    it("the project's validation data set has 200 readings including values in [5300, 5400)", async () => {
      const text = await readFile(path.join(projectRoot, "offchain/dcmb/certification/validation-dataset.csv"), "utf8");
      const values = text.trim().split("\n").map((line) => Number(line.split(",")[1]));
      expect(values).to.have.length(200);
      expect(values).to.include(5367);
      expect(DCMB_VALIDATION_CHECKS.map((c) => c.name)).to.deep.equal([
        "source files hash deterministically",
        "dataset parses",
        "confidentiality: no reading value in anything destined for the chain",
        "every message verifies against its root",
        "tampered messages are rejected",
        "salts are unique and at least 16 bytes",
      ]);
    });
  });

  describe("DCMB checks on the validation data set", function () {
    this.timeout(60_000);
    const dataset = async () => new Uint8Array(await readFile(path.join(projectRoot, DCMB_VALIDATION_DATASET)));

    it("the whole suite passes on this checkout with the real data set", async () => {
      const log = await runValidationSuite({ projectRoot, moduleVersion: "1.0.0", validator: VALIDATOR, checks: DCMB_VALIDATION_CHECKS, dataset: DCMB_VALIDATION_DATASET });
      expect(log.checks.filter((c) => !c.passed), JSON.stringify(log.checks, null, 2)).to.deep.equal([]);
      expect(log.passed).to.equal(true);
      const details = Object.fromEntries(log.checks.map((c) => [c.name, c.detail]));
      expect(details["confidentiality: no reading value in anything destined for the chain"]).to.match(/of 200 readings absent .* 4 recordBatch, 2 hashed label\(s\) .*light Argon2id m=1024 KiB, t=1, p=1/);
      expect(details["every message verifies against its root"]).to.match(/^200 message\(s\) in 4 batch\(es\) verify/);
      expect(details["tampered messages are rejected"]).to.match(/^16 tampered message\(s\) \(data, salt, index, proof; 4 batch\(es\)\) rejected/);
      expect(details["salts are unique and at least 16 bytes"]).to.equal("200 salts, all distinct, all ≥ 16 bytes");
    });

    it("confidentiality fails for a leaky encoder that puts a reading value in calldata (as a word, or as text)", async () => {
      const bytes = await dataset();
      const trail = IDcmbAuditTrail__factory.createInterface();
      // Leaky: "records" the first reading of each batch in intervalStart (a 32-byte word).
      const asWord = confidentialityCheck({
        encodeForChain: (p) => [
          ...encodeDcmbCalldata(p),
          ...p.batches.map((b) => trail.encodeFunctionData("recordBatch", [p.receiver, b.batchId, b.root, b.messages.length, Number(JSON.parse(Buffer.from(b.messages[0]!.data, "base64").toString()).value), b.intervalEnd])),
        ],
      });
      const word = await asWord.run({ dataset: bytes, projectRoot });
      expect(word.passed).to.equal(false);
      expect(word.detail, word.detail).to.match(/^reading value 52\d\d appears in transaction 9 of 12 \(0x[0-9a-f]{8}…\) as 32-byte word at byte 132$/); // 4 + 4·32: intervalStart
      // Leaky: publishes the readings' data (JSON text with the value) as a salt with recordMessage.
      const asText = confidentialityCheck({
        encodeForChain: (p) => [...encodeDcmbCalldata(p), trail.encodeFunctionData("recordMessage", [p.receiver, p.batches[0]!.root, "0x" + Buffer.from(p.batches[0]!.messages[0]!.data, "base64").toString("hex")])],
      });
      const text = await asText.run({ dataset: bytes, projectRoot });
      expect(text.passed).to.equal(false);
      expect(text.detail, text.detail).to.match(/appears in transaction 9 of 9 .* as decimal text/);
      // The real encoder on the same batches passes.
      expect((await confidentialityCheck().run({ dataset: bytes, projectRoot })).passed).to.equal(true);
    });
  });

  describe("assertModuleCertified", () => {
    type Certification = AssertModuleCertifiedParameters["certification"];
    /** A fake certification contract: artifact → version, version → stored struct. */
    function fake({ certified, versionId, status, revokedAt = 0n }: { certified: boolean; versionId: bigint; status?: bigint; revokedAt?: bigint }): Certification {
      return {
        isCertified: async () => certified,
        versionOfArtifact: async () => versionId,
        moduleVersion: async () => ({ version: "1.0.0", status: status ?? 0n, certificationProposalId: 7n, revocationProposalId: 0n, certifiedAt: 0n, revokedAt }),
      } as unknown as Certification;
    }
    const run = (certification: Certification) => assertModuleCertified({ certification, projectRoot: root, folder: FOLDER, runtime: "node-22" });

    it("returns the artifact hash and version when certified", async () => {
      const { artifactHash } = await hashModuleArtifact({ projectRoot: root, folder: FOLDER, runtime: "node-22" });
      expect(await run(fake({ certified: true, versionId: 3n, status: 2n }))).to.deep.equal({ artifactHash, versionId: 3n });
    });

    it("unknown: says no version was proposed and what to run", async () => {
      const error = await expectRejection(run(fake({ certified: false, versionId: 0n })), ModuleNotCertifiedError, "is unknown: no version was proposed", "cert:propose", "cert:vote");
      expect(error.reason).to.equal("unknown");
      expect(error.artifactHash).to.match(/^0x[0-9a-f]{64}$/);
      expect(error.message).to.include(error.artifactHash);
    });

    it("proposed: says the vote is open and how to vote", async () => {
      const error = await expectRejection(run(fake({ certified: false, versionId: 2n, status: 1n })), ModuleNotCertifiedError, "only proposed as version 2 (1.0.0)", "proposal #7", "cert:vote --participant <validator> --version-id 2");
      expect(error.reason).to.equal("proposed");
      expect(error.versionId).to.equal(2n);
    });

    it("revoked: says when", async () => {
      const error = await expectRejection(run(fake({ certified: false, versionId: 4n, status: 3n, revokedAt: 1_700_000_000n })), ModuleNotCertifiedError, "revoked at 2023-11-14T22:13:20.000Z", "cert:propose");
      expect(error.reason).to.equal("revoked");
    });
  });
});

async function expectRejection<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E, ...fragments: string[]): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(type);
    for (const fragment of fragments) expect((error as Error).message).to.include(fragment);
    return error as E;
  }
  expect.fail(`expected a ${type.name}`);
}
