import { readFile } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { requireOption } from "./helpers/require-option.js";
import { resolveParticipantHome } from "./helpers/resolve-participant-home.js";
import { participantPassword } from "./helpers/unlock-participant.js";

export type DeviceNewArguments = { participant: string | undefined; device: string | undefined; metadata: string | undefined; home: string | undefined };

/** `device:new`: creates a device's signing key (keyfile in the member's folder) and registers
 * the device on chain; a REGULATOR then approves it (consortium:approve-device). */
export default explainErrors(async function deviceNew(args: DeviceNewArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the member that owns the device");
  const deviceName = requireOption("device", args.device, "a name for the device, 1-32 characters of [a-z0-9-]");
  if (!/^[a-z0-9-]{1,32}$/.test(deviceName)) throw new InvalidOptionError({ option: "device", expected: "1-32 characters of [a-z0-9-]", got: deviceName });
  const { keccak256, isHexString, toUtf8Bytes } = await import("ethers");
  const session = await openExchangeSession({ hre, name, home: args.home, storage: false });
  try {
    const { chain, exchange, participant, registry } = session;
    let metadataHash: string;
    if (args.metadata === undefined) {
      metadataHash = keccak256(toUtf8Bytes(JSON.stringify({ device: deviceName, owner: participant.wallet.address })));
    } else if (isHexString(args.metadata, 32)) {
      metadataHash = args.metadata.toLowerCase();
    } else {
      metadataHash = keccak256(await readFile(args.metadata).catch((error: unknown) => {
        throw new InvalidOptionError({ option: "metadata", expected: "a readable file or a 32-byte 0x hash", got: args.metadata }, { cause: error });
      }));
    }
    const participantHome = resolveParticipantHome({ name, home: args.home, projectRoot: hre.config.paths.root });
    const device = await exchange.createDeviceKey({
      directory: exchange.exchangePaths(participant.directory).devices,
      name: deviceName,
      password: await participantPassword({ chain, name, home: participantHome }),
      scrypt: participant.profile.insecureDemoKeys ? chain.DEMO_SCRYPT : chain.STANDARD_SCRYPT,
    });
    const tx = await registry.registerDevice(device.address, metadataHash);
    await tx.wait();
    console.log(`device '${deviceName}' of '${name}': key created (${device.address}) and registered (metadata ${metadataHash}) → tx ${tx.hash}`);
    console.log(`a REGULATOR must approve it before its data counts: npx hardhat consortium:approve-device --participant <regulator> --device ${device.address}`);
  } finally {
    await session.close();
  }
});
