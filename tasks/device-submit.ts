import { readFile } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";
import { resolveParticipantHome } from "./helpers/resolve-participant-home.js";
import { participantPassword } from "./helpers/unlock-participant.js";

export type DeviceSubmitArguments = {
  participant: string | undefined;
  device: string | undefined;
  data: string | undefined;
  category: string | undefined;
  description: string | undefined;
  mediaType: string;
  resubmits: string | undefined;
  home: string | undefined;
};

/** `device:submit`: the device signs a data file's fingerprint and metadata; the member stores
 * it encrypted in its own node (key sealed to the regulators) and submits it on chain. */
export default explainErrors(async function deviceSubmit(args: DeviceSubmitArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the member that owns the device");
  const deviceName = requireOption("device", args.device, "the device's name (device:new)");
  const file = requireOption("data", args.data, "the file the device produced");
  const category = requireOption("category", args.category, "a category label, e.g. logistics.cold-chain");
  const resubmits = args.resubmits === undefined ? 0n : parseIntegerOption("resubmits", args.resubmits, { what: "the id of your rejected entry this corrects" });
  const data = await readFile(file).catch((error: unknown) => {
    throw new InvalidOptionError({ option: "data", expected: "a readable file", got: file }, { cause: error });
  });
  const session = await openExchangeSession({ hre, name, home: args.home, storage: true });
  try {
    const { chain, exchange, participant, registry } = session;
    const participantHome = resolveParticipantHome({ name, home: args.home, projectRoot: hre.config.paths.root });
    const device = await exchange.loadDeviceKey({
      directory: exchange.exchangePaths(participant.directory).devices,
      name: deviceName,
      password: await participantPassword({ chain, name, home: participantHome }),
    });
    if (!(await registry.isDeviceApproved(device.address))) {
      throw new InvalidOptionError({ option: "device", expected: "a device a REGULATOR approved (consortium:approve-device)", got: `${deviceName} (${device.address}), not approved` });
    }
    const result = await exchange.submitData({
      party: session.party(),
      device,
      data,
      category,
      description: args.description ?? "",
      mediaType: args.mediaType,
      resubmits,
    });
    console.log(`entry #${result.entryId}: ${data.length} bytes from device ${device.address}, fingerprint ${result.fingerprint}`);
    console.log(`  stored encrypted in '${name}''s node (entry document ${result.entryCid}); data key sealed to regulator(s) ${result.regulators.join(", ")}`);
    console.log(`  submitted${resubmits === 0n ? "" : ` as the correction of entry #${resubmits}`} → tx ${result.txHash}; pending validation (data:validate)`);
  } finally {
    await session.close();
  }
});
