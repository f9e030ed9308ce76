import type { NetworkConnection } from "hardhat/types/network";

import PlatformModule from "../../ignition/modules/Platform.js";
import { createOracleService, type PointsParty } from "../../offchain/points/index.js";
import { pointsPartyOf, setUpExchangeWorld, type ExchangeWorld } from "../../test/helpers/exchange-world.js";
import { instrumentParty } from "./instrument-party.js";
import type { Meter } from "./meter.js";

export interface PointsWorld {
  world: ExchangeWorld;
  /** The data-encryption platform (auditor): holds the Paillier key, authorises, serves the oracle (instrumented, side "keyHolder"). */
  keyHolder: PointsParty;
  /** The MPC platform (servicer-s), instrumented (side "mpc"). */
  mpc: PointsParty;
  /** The brand (materials-a): issues A, requests the formula, reads its result. */
  brand: PointsParty;
  /** The e-commerce platform (chemicals-b): issues B. */
  platform: PointsParty;
  stop(): Promise<void>;
}

/**
 * The parties of test/offchain/points/points-flow.ts on the six-member exchange world with the
 * Platform module (LoyaltyLedger included): each its own Helia node on loopback, the chain
 * in-process. The key holder's oracle is served over libp2p from the start; agents are not
 * started (the bench calls the steps itself).
 */
export async function setUpPointsWorld(connection: NetworkConnection, meter: Meter): Promise<PointsWorld> {
  const world = await setUpExchangeWorld(connection, { module: PlatformModule });
  const party = (name: string): PointsParty => pointsPartyOf(world, name, { fetchTimeoutMs: 15_000 });
  const keyHolder = instrumentParty(party("auditor"), meter, "keyHolder");
  const stopOracle = createOracleService({ party: keyHolder }).serve();
  return {
    world,
    keyHolder,
    mpc: instrumentParty(party("servicer-s"), meter, "mpc"),
    brand: party("materials-a"),
    platform: party("chemicals-b"),
    async stop() {
      await stopOracle();
      await world.stop();
    },
  };
}
