import type { PointsParty } from "../../offchain/points/index.js";
import type { Meter } from "./meter.js";

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * A Proxy on a typechain contract that times every method call: a call that returns a
 * transaction (it has wait()) is recorded under `<prefix>.tx.send.<method>` and its wait()
 * under `<prefix>.tx.wait.<method>`; anything else (a view) under `<prefix>.read.<method>`.
 * Other properties (target, interface, …) pass through untouched.
 */
function timedContract<T extends object>(contract: T, meter: Meter, prefix: string): T {
  return new Proxy(contract, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== "function" || typeof property !== "string" || property in Object.prototype) return value;
      if (["connect", "attach", "getAddress", "getFunction", "getEvent", "on", "once", "off", "queryFilter", "removeAllListeners", "listeners", "listenerCount", "waitForDeployment", "getDeployedCode", "deploymentTransaction", "emit"].includes(property)) return value;
      return async (...args: unknown[]) => {
        const start = performance.now();
        const result = (await (value as AnyFunction)(...args)) as { wait?: AnyFunction } | undefined;
        const ms = performance.now() - start;
        if (result !== null && typeof result === "object" && typeof result.wait === "function") {
          meter.add(`${prefix}.tx.send.${property}`, ms);
          const wait = result.wait.bind(result);
          result.wait = (...waitArgs: unknown[]) => meter.time(`${prefix}.tx.wait.${property}`, () => wait(...waitArgs) as Promise<unknown>);
        } else {
          meter.add(`${prefix}.read.${property}`, ms);
        }
        return result;
      };
    },
  });
}

/**
 * The same party with its ledger, registry and node wrapped so that the bench can split a
 * computation's wall time: `<side>.chain.*` (ledger and registry calls, transactions with
 * their mining), `<side>.content.*` (Helia put/pin/get/has/connect, with bytes),
 * `<side>.oracle.request` (libp2p request → response, with the request and response sizes)
 * and `<side>.handler` (the time this node spent answering a request it served). Delegation
 * is explicit: EmbeddedStore keeps private fields, which a Proxy would break.
 */
export function instrumentParty(party: PointsParty, meter: Meter, side: string): PointsParty {
  const store = party.store;
  const timedStore: PointsParty["store"] = {
    get: async (cid, options) => {
      const bytes = await meter.time(`${side}.content.get`, () => store.get(cid, options));
      meter.bytes(`${side}.content.get`, { into: bytes.length });
      return bytes;
    },
    has: (cid) => meter.time(`${side}.content.has`, () => store.has(cid)),
    put: async (bytes) => {
      meter.bytes(`${side}.content.put`, { out: bytes.length });
      return meter.time(`${side}.content.put`, () => store.put(bytes));
    },
    pin: (cid) => meter.time(`${side}.content.pin`, () => store.pin(cid)),
  };
  if (store.connect !== undefined) {
    const connect = store.connect.bind(store);
    timedStore.connect = (multiaddrs, options) => meter.time(`${side}.content.connect`, () => connect(multiaddrs, options));
  }
  if (store.request !== undefined) {
    const request = store.request.bind(store);
    timedStore.request = async (multiaddrs, protocol, body, options) => {
      const response = await meter.time(`${side}.oracle.request`, () => request(multiaddrs, protocol, body, options));
      meter.bytes(`${side}.oracle.request`, { out: body.length, into: response.length });
      return response;
    };
  }
  if (store.handleRequests !== undefined) {
    const handleRequests = store.handleRequests.bind(store);
    timedStore.handleRequests = (protocol, handler, options) => handleRequests(protocol, (body, from) => meter.time(`${side}.handler`, () => handler(body, from)), options);
  }
  return {
    ...party,
    store: timedStore,
    ledger: timedContract(party.ledger, meter, `${side}.chain`),
    registry: timedContract(party.registry, meter, `${side}.chain`),
  };
}
