import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";

import { Wallet, decryptKeystoreJson, encryptKeystoreJson } from "ethers";

import { writeFileAtomic, type ScryptParameters } from "../chain/index.js";
import { DeviceKeyError } from "./errors.js";

/**
 * A device's signing key as a keyfile in its member's folder (`devices/<name>.json`, an ethers
 * keystore under the member's password, mode 0600). Stands in for the key a real sensor keeps
 * in its secure element: the device signs each entry it produces; the member only submits.
 */
export async function createDeviceKey({ directory, name, password, scrypt }: { directory: string; name: string; password: string; scrypt: ScryptParameters }): Promise<Wallet> {
  assertDeviceName(name);
  const file = path.join(directory, `${name}.json`);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const exists = await readFile(file).then(() => true, () => false);
  if (exists) throw new DeviceKeyError({ device: name, problem: `a keyfile already exists at ${file}; refusing to overwrite it` });
  const wallet = Wallet.createRandom();
  const keystore = await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, password, { scrypt });
  await writeFileAtomic({ path: file, data: keystore, mode: 0o600 });
  return new Wallet(wallet.privateKey);
}

/** Opens device `name`'s keyfile. */
export async function loadDeviceKey({ directory, name, password }: { directory: string; name: string; password: string }): Promise<Wallet> {
  assertDeviceName(name);
  const file = path.join(directory, `${name}.json`);
  let json: string;
  try {
    json = await readFile(file, "utf8");
  } catch (error) {
    throw new DeviceKeyError({ device: name, problem: `no keyfile at ${file} (create it with device:new)` }, { cause: error });
  }
  try {
    return new Wallet((await decryptKeystoreJson(json, password)).privateKey);
  } catch (error) {
    throw new DeviceKeyError({ device: name, problem: `cannot open ${file}: ${(error as Error).message}` }, { cause: error });
  }
}

function assertDeviceName(name: string): void {
  if (!/^[a-z0-9-]{1,32}$/.test(name)) throw new DeviceKeyError({ device: name, problem: "a device name is 1-32 characters of [a-z0-9-]" });
}
