import { expect } from "chai";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { encryptQualityBits, privateKeyToJson, type PaillierPrivateKey } from "../../offchain/crypto/index.js";
import { serializeQualityBundle, serializeXorBundle } from "../../offchain/quality/index.js";
import { spawnHardhat } from "../../tasks/helpers/spawn-hardhat.js";
import { generatedKeyPair, testKey } from "../helpers/paillier-keys.js";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const BITS = 32;
const PREFIX = "Error in community plugin sealedchain: ";

type Run = { code: number | null; lines: string[]; text: string };

/** Runs `hardhat quality:compare-local <args>` as a process, as a user at a terminal would
 * (without CI, so an error is one line and no stack trace). */
async function compareLocal(args: string[]): Promise<Run> {
  const { CI: _ci, ...withoutCi } = process.env;
  const lines: string[] = [];
  const child = spawnHardhat({
    projectRoot,
    args: ["quality:compare-local", ...args],
    env: { ...withoutCi, SEALEDCHAIN_SKIP_BUILD: "1" },
    onLine: (line) => lines.push(line),
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  // readline may deliver the last lines just after "exit"
  await new Promise((resolve) => setImmediate(resolve));
  return { code, lines, text: lines.join("\n") };
}

/** Exit 1, exactly one error line (besides Hardhat's own "--show-stack-traces" hint), the
 * plugin's prefix, no stack trace. */
function expectOneLineError(run: Run, ...fragments: string[]): string {
  const lines = run.lines.filter((line) => line.trim() !== "" && !line.startsWith("For more info run Hardhat with --show-stack-traces"));
  expect(run.code, run.text).to.equal(1);
  expect(lines, run.text).to.have.length(1);
  const [line] = lines as [string];
  expect(line).to.match(new RegExp(`^${PREFIX}`));
  expect(run.text).to.not.match(/An unexpected error occurred|^\s+at /m);
  for (const fragment of fragments) expect(line).to.include(fragment);
  return line;
}

/** Writes public.json, xor.json and key.json for X, Y under `privateKey` into `dir`. */
async function writeFiles(dir: string, name: string, privateKey: PaillierPrivateKey, x: bigint, y: bigint) {
  const { publicKey } = privateKey;
  const { ex, ey, exor } = encryptQualityBits({ privateKey, x, y, bitLength: BITS });
  const lotId = `lot-${name}`;
  const files = {
    public: path.join(dir, `${name}-public.json`),
    xor: path.join(dir, `${name}-xor.json`),
    key: path.join(dir, `${name}-key.json`),
  };
  await Promise.all([
    writeFile(files.public, serializeQualityBundle({ publicKey, bitLength: BITS, lotId, pairIndex: 0, labels: { t: "t", t1: "t+1" }, ex, ey })),
    writeFile(files.xor, serializeXorBundle({ publicKey, bitLength: BITS, pairRef: { lotId, pairIndex: 0 }, exor })),
    writeFile(files.key, JSON.stringify(privateKeyToJson({ privateKey }))),
  ]);
  return { ...files, ex, ey, exor, publicKey };
}

const argsOf = (f: { public: string; xor: string; key: string }) => ["--public", f.public, "--xor", f.xor, "--key", f.key];

describe("tasks: quality:compare-local (as a process)", function () {
  this.timeout(120_000);
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sealedchain-compare-local-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("2048-bit key: X = 41357 > Y = 41350 → X>Y, index 3; X = Y → X=Y, no index", async () => {
    const { privateKey } = await generatedKeyPair(2048);
    // 41357 = …1000_1101, 41350 = …1000_0110: XOR = 1011, highest differing bit 3, X > Y.
    const [gtFiles, eqFiles] = await Promise.all([
      writeFiles(dir, "gt", privateKey, 41357n, 41350n),
      writeFiles(dir, "eq", privateKey, 41357n, 41357n),
    ]);
    const [gt, eq] = await Promise.all([compareLocal(argsOf(gtFiles)), compareLocal(argsOf(eqFiles))]);

    expect(gt.code, gt.text).to.equal(0);
    expect(gt.lines).to.include("relation: X>Y");
    expect(gt.lines).to.include("index: 3");
    expect(gt.text).to.include("32 bits, 2048-bit key");
    expect(gt.text).to.include("Y < X; highest differing bit 3");

    expect(eq.code, eq.text).to.equal(0);
    expect(eq.lines).to.include("relation: X=Y");
    expect(eq.lines).to.include("index: none (X = Y)");
    expect(eq.text).to.include("Y = X (unchanged)");
  });

  it("the paper's 32-bit demo key (n = 2830121771): refused without --allow-insecure-key, right answer with it", async () => {
    const paper = testKey("paper32");
    expect(paper.publicKey.n).to.equal(2830121771n);
    // X < Y, highest differing bit 10: 1000 = 0b011_1110_1000, 1500 = 0b101_1101_1100.
    const files = await writeFiles(dir, "paper", paper, 1000n, 1500n);
    const [refused, accepted] = await Promise.all([compareLocal(argsOf(files)), compareLocal([...argsOf(files), "--allow-insecure-key"])]);

    expectOneLineError(refused, "--key:", "at least 2048 bits", "--allow-insecure-key", files.key);

    expect(accepted.code, accepted.text).to.equal(0);
    expect(accepted.lines).to.include("relation: X<Y");
    expect(accepted.lines).to.include("index: 10");
    expect(accepted.text).to.include("32 bits, 32-bit key");
  });

  it("malformed inputs: one line naming the option and the file", async () => {
    const paper = testKey("paper32");
    const other = testKey("n128");
    const files = await writeFiles(dir, "bad", paper, 7n, 8n);
    const otherFiles = await writeFiles(dir, "other", other, 7n, 8n);
    const missing = path.join(dir, "no-such-file.json");
    // ex[0] replaced by n² (≥ n²), still a canonical decimal string.
    const tampered = path.join(dir, "tampered-public.json");
    const document = JSON.parse(await readFile(files.public, "utf8")) as { ex: string[] };
    document.ex[0] = files.publicKey.n2.toString(10);
    await writeFile(tampered, JSON.stringify(document));
    // The XOR bundle of another pair (index 1) under the same key.
    const otherPair = path.join(dir, "other-pair-xor.json");
    await writeFile(otherPair, serializeXorBundle({ publicKey: files.publicKey, bitLength: BITS, pairRef: { lotId: "lot-bad", pairIndex: 1 }, exor: files.exor }));
    const insecure = "--allow-insecure-key";

    const runs = await Promise.all([
      compareLocal(["--public", missing, "--xor", files.xor, "--key", files.key, insecure]),
      compareLocal(["--public", files.public, "--xor", files.xor, "--key", otherFiles.key, insecure]),
      compareLocal(["--public", files.public, "--xor", otherFiles.xor, "--key", files.key, insecure]),
      compareLocal(["--public", tampered, "--xor", files.xor, "--key", files.key, insecure]),
      compareLocal(["--public", files.public, "--xor", files.xor, insecure]),
      compareLocal(["--public", files.public, "--xor", otherPair, "--key", files.key, insecure]),
    ]);
    const [missingRun, keyMismatch, xorMismatch, tamperedRun, noKey, pairMismatch] = runs;
    expectOneLineError(missingRun!, "--public:", "a readable file", missing);
    expectOneLineError(keyMismatch!, "--key:", "the key of the public bundle (same n)", otherFiles.key);
    expectOneLineError(xorMismatch!, "--xor:", "an XOR bundle under the same key as --public", otherFiles.xor);
    expectOneLineError(tamperedRun!, "--public:", "a public quality bundle", "ex[0]", "a ciphertext < n²");
    expectOneLineError(noKey!, "--key is required");
    expectOneLineError(pairMismatch!, "--xor:", "the XOR bundle of pair lot-bad #0", otherPair);
  });
});
