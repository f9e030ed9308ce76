import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openParticipantSession } from "./helpers/open-participant-session.js";
import { requireOption } from "./helpers/require-option.js";

export type ApproveDeviceArguments = { participant: string | undefined; device: string | undefined; revoke: boolean; home: string | undefined };

const DEVICE_STATUS = ["None", "Registered", "Approved", "Revoked"] as const;

/** `consortium:approve-device`: a REGULATOR approves (or revokes) a registered device. */
export default explainErrors(async function approveDevice(args: ApproveDeviceArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "a member holding the REGULATOR role");
  const deviceText = requireOption("device", args.device, "the device's account address");
  const { getAddress, isAddress } = await import("ethers");
  if (!isAddress(deviceText)) throw new InvalidOptionError({ option: "device", expected: "a 0x address", got: deviceText });
  const device = getAddress(deviceText);

  const { registry, close } = await openParticipantSession({ hre, name, home: args.home });
  try {
    const record = await registry.device(device);
    const status = DEVICE_STATUS[Number(record.status)] ?? `status ${record.status}`;
    if (status === "None") throw new InvalidOptionError({ option: "device", expected: "a device registered by a member", got: `${device} is not registered` });
    // Not a regulator (or not the owner, for --revoke): the registry reverts with a named error.
    const tx = args.revoke ? await registry.revokeDevice(device) : await registry.approveDevice(device);
    await tx.wait();
    const after = DEVICE_STATUS[Number((await registry.device(device)).status)];
    console.log(`'${name}' ${args.revoke ? "revoked" : "approved"} device ${device} (owner ${record.owner}, was ${status}, now ${after}) → tx ${tx.hash}`);
  } finally {
    await close();
  }
});
