import { scrypt as nodeScrypt } from "node:crypto";

import { scrypt as ethersScrypt } from "ethers";

import { scryptMaxmem } from "./secret-box-format.js";

let installed = false;

/** Makes ethers' keystore (Wallet.encrypt / fromEncryptedJson) use node:crypto's native
 * scrypt through ethers' documented `scrypt.register` hook: a default-parameter keyfile
 * then decrypts in ~0.3 s instead of ~2 s of pure JavaScript. Same output, same format. */
export function useNativeScrypt(): void {
  if (installed) return;
  installed = true;
  ethersScrypt.register(
    (password, salt, N, r, p, dkLen) =>
      new Promise((resolve, reject) => {
        nodeScrypt(password, salt, dkLen, { N, r, p, maxmem: scryptMaxmem({ N, r, p }) }, (error, key) =>
          error ? reject(error) : resolve(new Uint8Array(key)),
        );
      }),
  );
}
