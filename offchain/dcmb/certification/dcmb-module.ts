import { keccak256, toUtf8Bytes } from "ethers";

/** The DCMB data module as the Module Certification Authority knows it (paper section 3.3):
 * its name, its on-chain id (keccak256 of the name) and its folder in the project. */
export const DCMB_MODULE = {
  name: "sealedchain.dcmb",
  id: keccak256(toUtf8Bytes("sealedchain.dcmb")),
  folder: "offchain/dcmb",
} as const;
