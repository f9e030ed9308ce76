import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expectOneLineError, runTaskAsUser as run } from "../helpers/task-as-user.js";

/** The exchange and trace tasks refuse bad input with one line naming the option, before
 * they unlock a participant or connect to a chain (the happy paths run in exchange-e2e.ts). */
describe("tasks: exchange and trace option errors (before connecting)", function () {
  this.timeout(120_000);
  let home = "";
  let env: NodeJS.ProcessEnv;

  before(async function () {
    home = await mkdtemp(path.join(tmpdir(), "sealedchain-exchange-options-"));
    env = { ...process.env, SEALEDCHAIN_HOME: home };
  });

  after(async function () {
    await rm(home, { recursive: true, force: true });
  });

  it("device and data tasks name the bad or missing option", async function () {
    const [badDevice, noData, missingFile, badResubmits, bothVerdicts, emptyReason, badEntry] = await Promise.all([
      run(["device:new", "--participant", "materials-a", "--device", "Line 3"], env),
      run(["device:submit", "--participant", "materials-a", "--device", "line-3", "--category", "c"], env),
      run(["device:submit", "--participant", "materials-a", "--device", "line-3", "--data", path.join(home, "nope.csv"), "--category", "c"], env),
      run(["device:submit", "--participant", "materials-a", "--device", "line-3", "--data", import.meta.filename, "--category", "c", "--resubmits", "first"], env),
      run(["data:validate", "--participant", "regulator", "--entry", "1", "--certify", "--reject", "no"], env),
      run(["data:validate", "--participant", "regulator", "--entry", "1", "--reject", " "], env),
      run(["data:history", "--entry", "0"], env),
    ]);
    expectOneLineError(badDevice, "--device: expected 1-32 characters of [a-z0-9-]", '"Line 3"');
    expectOneLineError(noData, "--data is required: the file the device produced");
    expectOneLineError(missingFile, "--data: expected a readable file", "nope.csv");
    expectOneLineError(badResubmits, "--resubmits: expected the id of your rejected entry this corrects: an integer ≥ 1", '"first"');
    expectOneLineError(bothVerdicts, "--reject: expected either --certify or --reject, not both");
    expectOneLineError(emptyReason, "--reject: expected a reason the submitter can act on");
    expectOneLineError(badEntry, "--entry: expected an entry id: an integer ≥ 1", '"0"');
  });

  it("market tasks name the bad or missing option", async function () {
    const offer = ["market:offer", "--participant", "materials-a", "--entry", "1", "--category", "c"];
    const [noPrice, badPrice, emptyPurpose, badRetention, badMax, badOffer, noOrder, badTrade] = await Promise.all([
      run([...offer, "--purposes", "audit"], env),
      run([...offer, "--price", "1e18", "--purposes", "audit"], env),
      run([...offer, "--price", "10", "--purposes", "audit,,x"], env),
      run([...offer, "--price", "10", "--purposes", "audit", "--retention-days", "4000"], env),
      run(["market:request", "--participant", "chemicals-b", "--category", "c", "--max-price", "ten", "--purpose", "audit"], env),
      run(["market:buy", "--participant", "chemicals-b", "--offer", "x"], env),
      run(["market:confirm", "--participant", "chemicals-b"], env),
      run(["market:list", "--trade", "1.5"], env),
    ]);
    expectOneLineError(noPrice, "--price is required: the price in wei");
    expectOneLineError(badPrice, "--price: expected the price in wei: an integer ≥ 1", '"1e18"');
    expectOneLineError(emptyPurpose, "--purposes: expected permitted purposes", "no empty items");
    expectOneLineError(badRetention, "--retention-days: expected 1..3650", '"4000"');
    expectOneLineError(badMax, "--max-price: expected the most you will pay, in wei: an integer ≥ 1", '"ten"');
    expectOneLineError(badOffer, "--offer: expected an offer id (market:list): an integer ≥ 1", '"x"');
    expectOneLineError(noOrder, "--order is required: a trade (escrow order) id");
    expectOneLineError(badTrade, "--trade: expected a trade (escrow order) id: an integer ≥ 1", '"1.5"');
  });

  it("trace tasks name the bad or missing option", async function () {
    const [noStep, badDetails, arrayDetails, both, neither] = await Promise.all([
      run(["trace:record", "--participant", "materials-a", "--object", "RAW-7", "--origin"], env),
      run(["trace:record", "--participant", "materials-a", "--object", "RAW-7", "--origin", "--step", "produced", "--details", "{tonnes: 12}"], env),
      run(["trace:record", "--participant", "materials-a", "--object", "RAW-7", "--origin", "--step", "produced", "--details", "[12]"], env),
      run(["trace:confirm", "--participant", "regulator", "--record", "1", "--mapping", "1"], env),
      run(["trace:confirm", "--participant", "regulator"], env),
    ]);
    expectOneLineError(noStep, "--step is required: what happened, e.g. harvested, processed, shipped");
    expectOneLineError(badDetails, "--details: expected a JSON object", "{tonnes: 12}");
    expectOneLineError(arrayDetails, "--details: expected a JSON object", "[12]");
    expectOneLineError(both, "--record: expected exactly one of --record or --mapping");
    expectOneLineError(neither, "--record: expected exactly one of --record or --mapping");
  });
});
