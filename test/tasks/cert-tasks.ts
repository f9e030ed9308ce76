import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expectOneLineError, runTaskAsUser as run } from "../helpers/task-as-user.js";

const CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

describe("tasks: cert option errors (before connecting)", function () {
  this.timeout(60_000);

  it("cert:propose and cert:vote name the bad or missing option", async function () {
    const home = await mkdtemp(path.join(tmpdir(), "sealedchain-cert-options-"));
    try {
      const env = { ...process.env, SEALEDCHAIN_HOME: home };
      const [noVersion, badVersion, support, noCid, badCid] = await Promise.all([
        run(["cert:propose", "--participant", "materials-a"], env),
        run(["cert:propose", "--participant", "materials-a", "--module-version", "1.0 beta"], env),
        run(["cert:vote", "--participant", "auditor", "--version-id", "1", "--support", "maybe", "--log-cid", CID], env),
        run(["cert:vote", "--participant", "auditor", "--version-id", "1", "--support", "true"], env),
        run(["cert:vote", "--participant", "auditor", "--version-id", "1", "--support", "true", "--log-cid", "not-a-cid"], env),
      ]);
      expectOneLineError(noVersion, "--moduleVersion is required: the version to propose, e.g. 1.0.0");
      expectOneLineError(badVersion, `--moduleVersion: expected 1-64 characters of [0-9A-Za-z.+-], e.g. 1.0.0, got "1.0 beta"`);
      expectOneLineError(support, `--support: expected true or false, got "maybe"`);
      expectOneLineError(noCid, "--logCid is required: the CID of your validation log (printed by cert:validate)");
      expectOneLineError(badCid, `--logCid: expected a CID (e.g. bafy…), got "not-a-cid"`);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
