import { expect } from "chai";
import {
  InvalidCidError,
  InvalidKuboUrlError,
  InvalidStoreParameterError,
  KuboUnreachableError,
  createKuboStore,
} from "../../../offchain/storage/index.js";
import type { KuboStore } from "../../../offchain/storage/index.js";
import { closedLoopbackPort, rejects } from "./helpers.js";

const SOME_CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

describe("offchain/storage KuboStore (no daemon available: error paths only)", function () {
  this.timeout(10_000);
  let url: string;
  let store: KuboStore;

  before(async function () {
    url = `http://127.0.0.1:${await closedLoopbackPort()}`;
    store = createKuboStore({ url, defaultTimeoutMs: 3_000 });
  });

  const operations: Array<[string, (s: KuboStore) => Promise<unknown>]> = [
    ["put", (s) => s.put(new Uint8Array([1, 2, 3]))],
    ["get", (s) => s.get(SOME_CID)],
    ["pin", (s) => s.pin(SOME_CID)],
    ["has", (s) => s.has(SOME_CID)],
  ];
  for (const [operation, call] of operations) {
    it(`${operation} on an unreachable daemon fails fast with KuboUnreachableError naming the URL`, async function () {
      const t = performance.now();
      const error = await rejects(call(store), KuboUnreachableError, url);
      expect(performance.now() - t).to.be.below(2_000);
      expect(error.url).to.equal(url);
      expect(error.operation).to.equal(operation);
      expect(error.code).to.equal("KUBO_UNREACHABLE");
      expect(error.message).to.include(operation);
    });
  }

  it("validates CIDs and bytes before contacting the daemon", async function () {
    await rejects(store.get("nope"), InvalidCidError);
    await rejects(store.pin(""), InvalidCidError);
    await rejects(store.has("bafy"), InvalidCidError);
    await rejects(store.put([1, 2] as unknown as Uint8Array), InvalidStoreParameterError);
  });

  const badUrls: Array<[string, unknown, RegExp]> = [
    ["empty", "", /non-empty string/],
    ["not a URL", "localhost:5001", /expected http: or https:|not an absolute URL/],
    ["relative", "/api/v0", /not an absolute URL/],
    ["wrong scheme", "ftp://127.0.0.1:5001", /expected http: or https:, got ftp:/],
    ["a multiaddr", "/ip4/127.0.0.1/tcp/5001", /not an absolute URL/],
    ["credentials", "http://user:secret@127.0.0.1:5001", /credentials/],
    ["query string", "http://127.0.0.1:5001/?x=1", /query strings/],
    ["not a string", 5001, /non-empty string/],
  ];
  for (const [name, bad, message] of badUrls) {
    it(`rejects an invalid URL at creation: ${name}`, function () {
      expect(() => createKuboStore({ url: bad as string })).to.throw(InvalidKuboUrlError, message);
    });
  }

  it("rejects a bad default timeout at creation", function () {
    expect(() => createKuboStore({ url: "http://127.0.0.1:5001", defaultTimeoutMs: -1 })).to.throw(
      InvalidStoreParameterError,
      /defaultTimeoutMs/,
    );
  });
});
