import { expect } from "chai";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import {
  DEMO_SCRYPT,
  InvalidParticipantNameError,
  MissingPasswordError,
  ParticipantExistsError,
  WrongPasswordError,
  createParticipant,
  deriveDemoParticipant,
  loadParticipant,
  participantPaths,
  readParticipantPassword,
  readParticipantProfile,
} from "../../../offchain/chain/index.js";

describe("offchain/chain participants", function () {
  this.timeout(60_000);
  let home: string;

  before(async () => {
    home = await mkdtemp(path.join(tmpdir(), "sealedchain-participants-"));
  });
  after(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it("creates and loads a participant (round trip, default scrypt)", async () => {
    const created = await createParticipant({ name: "acme-1", home, password: "correct horse" });
    const started = Date.now();
    const loaded = await loadParticipant({ name: "acme-1", home, password: "correct horse" });
    console.log(`      load with ethers' default scrypt (native): ${Date.now() - started} ms`);
    expect(loaded.wallet.address).to.equal(created.profile.address);
    expect(loaded.profile).to.deep.equal(created.profile);
    expect(loaded.encryptionKeyPair.publicKey).to.have.length(33);
    expect(loaded.encryptionKeyPair.privateKey).to.have.length(32);
    expect(loaded.peerIdentity.peerId).to.equal(created.profile.peerId);
    expect(await readdir(loaded.directory)).to.include.members(["wallet.json", "secrets.json", "profile.json", "ipfs", "agent"]);
    const keystore = JSON.parse(await readFile(participantPaths({ name: "acme-1", home }).wallet, "utf8"));
    expect(keystore.crypto?.kdfparams?.n ?? keystore.Crypto?.kdfparams?.n).to.equal(131072);
  });

  it("fails clearly on a wrong password", async () => {
    await createParticipant({ name: "acme-2", home, password: "right", scrypt: DEMO_SCRYPT });
    const error = await loadParticipant({ name: "acme-2", home, password: "wrong" }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(WrongPasswordError);
    expect((error as Error).message).to.match(/wrong password for participant 'acme-2'/);
  });

  it("rejects bad names", async () => {
    for (const name of ["", "Acme", "a_b", "a".repeat(33), "../x", "a b"]) {
      const error = await createParticipant({ name, home, password: "x" }).catch((e: unknown) => e);
      expect(error, name).to.be.instanceOf(InvalidParticipantNameError);
      expect((error as Error).message).to.include("[a-z0-9-]");
    }
  });

  it("refuses to overwrite an existing participant", async () => {
    await createParticipant({ name: "acme-3", home, password: "p", scrypt: DEMO_SCRYPT });
    const before = await readFile(participantPaths({ name: "acme-3", home }).wallet, "utf8");
    const error = await createParticipant({ name: "acme-3", home, password: "p", scrypt: DEMO_SCRYPT }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ParticipantExistsError);
    expect(await readFile(participantPaths({ name: "acme-3", home }).wallet, "utf8")).to.equal(before);
  });

  it("writes files holding secrets with mode 0600 and keeps secrets out of profile.json", async () => {
    await createParticipant({ name: "acme-4", home, password: "p", scrypt: DEMO_SCRYPT });
    const paths = participantPaths({ name: "acme-4", home });
    expect((await stat(paths.wallet)).mode & 0o777).to.equal(0o600);
    expect((await stat(paths.secrets)).mode & 0o777).to.equal(0o600);
    expect((await stat(paths.directory)).mode & 0o077).to.equal(0);
    const loaded = await loadParticipant({ name: "acme-4", home, password: "p" });
    const profileText = (await readFile(paths.profile, "utf8")).toLowerCase();
    const secretsText = (await readFile(paths.secrets, "utf8")).toLowerCase();
    const secrets = [
      loaded.wallet.privateKey.slice(2),
      Buffer.from(loaded.encryptionKeyPair.privateKey).toString("hex"),
      Buffer.from(loaded.peerIdentity.privateKeyBytes).toString("hex"),
    ];
    for (const secret of secrets) {
      expect(profileText).to.not.include(secret.toLowerCase());
      expect(secretsText).to.not.include(secret.toLowerCase());
    }
  });

  it("registers the organisation's display name, defaulting to the participant name", async () => {
    const named = await createParticipant({ name: "carrier-x", displayName: "Carrier X Ltd", home, password: "p", scrypt: DEMO_SCRYPT });
    expect(named.profile.displayName).to.equal("Carrier X Ltd");
    expect((await readParticipantProfile({ name: "carrier-x", home })).displayName).to.equal("Carrier X Ltd");
    const plain = await createParticipant({ name: "carrier-y", home, password: "p", scrypt: DEMO_SCRYPT });
    expect(plain.profile.displayName).to.equal("carrier-y");
    for (const displayName of ["", "   ", "x".repeat(101)]) {
      const error = await createParticipant({ name: "carrier-z", displayName, home, password: "p" }).catch((e: unknown) => e);
      expect(error, JSON.stringify(displayName)).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.contain("displayName");
    }
  });

  it("derives deterministic, funded demo participants", async () => {
    const a = await deriveDemoParticipant(1);
    const b = await deriveDemoParticipant(1);
    expect(a.address).to.equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"); // Hardhat account #1
    expect(a.walletPrivateKey).to.equal(b.walletPrivateKey);
    expect(Buffer.from(a.peerPrivateKeyBytes).equals(Buffer.from(b.peerPrivateKeyBytes))).to.equal(true);
    const { profile } = await createParticipant({ name: "demo-1", home, password: "demo", keys: a, scrypt: DEMO_SCRYPT });
    expect(profile.address).to.equal(a.address);
    expect(profile.insecureDemoKeys).to.equal(true);
  });

  it("reads the password from the environment, naming both variables when missing", () => {
    expect(readParticipantPassword({ name: "carrier-f", env: { SEALEDCHAIN_PASSWORD_CARRIER_F: "own", SEALEDCHAIN_PASSWORD: "shared" } })).to.equal("own");
    expect(readParticipantPassword({ name: "carrier-f", env: { SEALEDCHAIN_PASSWORD: "shared" } })).to.equal("shared");
    expect(() => readParticipantPassword({ name: "carrier-f", env: {} }))
      .to.throw(MissingPasswordError)
      .with.property("message")
      .that.includes("SEALEDCHAIN_PASSWORD_CARRIER_F or SEALEDCHAIN_PASSWORD");
  });
});
