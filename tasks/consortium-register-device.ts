import { readFile } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openParticipantSession } from "./helpers/open-participant-session.js";
import { requireOption } from "./helpers/require-option.js";

export type RegisterDeviceArguments = { participant: string | undefined; device: string | undefined; metadata: string | undefined; home: string | undefined };

/** `consortium:register-device`: the member registers a device with the keccak256 of its description. */
export default explainErrors(async function registerDevice(args: RegisterDeviceArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the member that owns the device");
  const deviceText = requireOption("device", args.device, "the device's account address");
  const metadata = requireOption("metadata", args.metadata, "a file describing the device, or its 0x keccak256 hash");
  const { getAddress, isAddress, isHexString, keccak256 } = await import("ethers");
  if (!isAddress(deviceText)) throw new InvalidOptionError({ option: "device", expected: "a 0x address", got: deviceText });
  const device = getAddress(deviceText);
  let metadataHash: string;
  if (isHexString(metadata, 32)) {
    metadataHash = metadata.toLowerCase();
  } else {
    try {
      metadataHash = keccak256(await readFile(metadata));
    } catch (error) {
      throw new InvalidOptionError({ option: "metadata", expected: "a readable file or a 32-byte 0x hash", got: metadata }, { cause: error });
    }
  }

  const { registry, close } = await openParticipantSession({ hre, name, home: args.home });
  const tx = await registry.registerDevice(device, metadataHash);
  await tx.wait();
  console.log(`'${name}' registered device ${device} (metadata ${metadataHash}) → tx ${tx.hash}; a regulator must approve it before its submissions count`);
  await close();
});
