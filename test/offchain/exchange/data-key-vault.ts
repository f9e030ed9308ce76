import { expect } from "chai";
import { hexlify } from "ethers";
import { mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { generateEncryptionKeyPair } from "../../../offchain/crypto/index.js";
import {
  DataKeyConflictError,
  DataKeyNotFoundError,
  ExchangeFormatError,
  ExchangeParameterError,
  createDataKeyVault,
  fingerprintOf,
} from "../../../offchain/exchange/index.js";
import { bytesOf, caught } from "./helpers.js";

describe("offchain/exchange data key vault (keys sealed to the member's own encryption key)", function () {
  let root: string;
  let directory: string;
  const member = generateEncryptionKeyPair();
  const fingerprint = fingerprintOf(bytesOf("reefer readings"));
  const otherFingerprint = fingerprintOf(bytesOf("other readings"));
  const dataKey = new Uint8Array(32).map((_, i) => 200 - i);

  beforeEach(async function () {
    root = await mkdtemp(path.join(tmpdir(), "sealedchain-data-keys-"));
    directory = path.join(root, "exchange", "keys");
  });

  afterEach(async function () {
    await rm(root, { recursive: true, force: true });
  });

  it("round trip; survives a restart (a new vault on the same folder); has()", async function () {
    const vault = createDataKeyVault({ directory, privateKey: member.privateKey });
    expect(await vault.has(fingerprint)).to.equal(false);
    await vault.save(fingerprint, dataKey);
    expect(await vault.has(fingerprint)).to.equal(true);
    expect(await vault.has(fingerprint.toUpperCase().replace("0X", "0x"))).to.equal(true);
    expect(hexlify(await vault.load(fingerprint))).to.equal(hexlify(dataKey));
    const restarted = createDataKeyVault({ directory, privateKey: Uint8Array.from(member.privateKey) });
    expect(hexlify(await restarted.load(fingerprint))).to.equal(hexlify(dataKey));
  });

  it("writes 0600 files in a 0700 folder, no temporary files left, and no plaintext key", async function () {
    const vault = createDataKeyVault({ directory, privateKey: member.privateKey });
    await vault.save(fingerprint, dataKey);
    await vault.save(otherFingerprint, new Uint8Array(32).fill(9));
    expect((await stat(directory)).mode & 0o777).to.equal(0o700);
    const files = (await readdir(directory)).sort();
    expect(files).to.deep.equal([`${fingerprint}.json`, `${otherFingerprint}.json`].sort());
    for (const file of files) expect((await stat(path.join(directory, file))).mode & 0o777, file).to.equal(0o600);
    const text = await readFile(path.join(directory, `${fingerprint}.json`), "utf8");
    expect(text).to.not.include(Buffer.from(dataKey).toString("hex"));
    expect(text).to.not.include(Buffer.from(dataKey).toString("base64"));
    expect(JSON.parse(text)).to.include({ format: "sealedchain.exchange.data-key", version: 1, fingerprint });
  });

  it("refuses a missing key with DataKeyNotFoundError", async function () {
    const vault = createDataKeyVault({ directory, privateKey: member.privateKey });
    const error = await caught(() => vault.load(fingerprint));
    expect(error).to.be.instanceOf(DataKeyNotFoundError);
    expect(error.message).to.include(fingerprint);
  });

  it("saving the same key again is a no-op; a different key for the same fingerprint is refused", async function () {
    const vault = createDataKeyVault({ directory, privateKey: member.privateKey });
    await vault.save(fingerprint, dataKey);
    const before = await readFile(path.join(directory, `${fingerprint}.json`), "utf8");
    await vault.save(fingerprint, Uint8Array.from(dataKey));
    expect(await readFile(path.join(directory, `${fingerprint}.json`), "utf8")).to.equal(before);
    const error = await caught(() => vault.save(fingerprint, new Uint8Array(32).fill(1)));
    expect(error).to.be.instanceOf(DataKeyConflictError);
    expect(hexlify(await vault.load(fingerprint))).to.equal(hexlify(dataKey));
  });

  it("refuses a tampered file, a file renamed to another fingerprint, and another member's file", async function () {
    const vault = createDataKeyVault({ directory, privateKey: member.privateKey });
    await vault.save(fingerprint, dataKey);
    const file = path.join(directory, `${fingerprint}.json`);
    const document = JSON.parse(await readFile(file, "utf8")) as { envelope: string };
    const envelope = Buffer.from(document.envelope, "base64");
    envelope[envelope.length - 1]! ^= 0x01;
    await writeFile(file, JSON.stringify({ ...document, envelope: envelope.toString("base64") }));
    const tampered = await caught(() => vault.load(fingerprint));
    expect(tampered).to.be.instanceOf(ExchangeFormatError);
    expect(tampered.message).to.include("envelope");

    await rm(file);
    await vault.save(fingerprint, dataKey);
    const renamed = path.join(directory, `${otherFingerprint}.json`);
    await rename(file, renamed);
    const moved = await caught(() => vault.load(otherFingerprint));
    expect(moved).to.be.instanceOf(ExchangeFormatError);
    expect(moved.message).to.include("fingerprint");
    // Even with the fingerprint field edited to match, the envelope's context still names the first one.
    const edited = JSON.parse(await readFile(renamed, "utf8")) as Record<string, unknown>;
    await writeFile(renamed, JSON.stringify({ ...edited, fingerprint: otherFingerprint }));
    expect((await caught(() => vault.load(otherFingerprint))).message).to.include("context");

    await rm(renamed);
    await vault.save(fingerprint, dataKey);
    const stranger = createDataKeyVault({ directory, privateKey: generateEncryptionKeyPair().privateKey });
    expect(await caught(() => stranger.load(fingerprint))).to.be.instanceOf(ExchangeFormatError);

    await writeFile(file, "{not json");
    expect((await caught(() => vault.load(fingerprint))).message).to.include("not UTF-8 JSON");
  });

  it("refuses bad parameters", async function () {
    expect(() => createDataKeyVault({ directory, privateKey: new Uint8Array(32) })).to.throw(ExchangeParameterError, "privateKey");
    const vault = createDataKeyVault({ directory, privateKey: member.privateKey });
    expect(await caught(() => vault.save("0x1234", dataKey))).to.be.instanceOf(ExchangeParameterError);
    expect(await caught(() => vault.save(`../${fingerprint}`, dataKey))).to.be.instanceOf(ExchangeParameterError);
    expect(await caught(() => vault.save(fingerprint, new Uint8Array(16)))).to.be.instanceOf(ExchangeParameterError);
    expect(await caught(() => vault.load("nope"))).to.be.instanceOf(ExchangeParameterError);
  });
});
