import type { Signer } from "ethers";

import type { ITraceLedger } from "../../types/ethers-contracts/index.js";

/** What a member needs to post and verify traceability records: its signer (an accounting
 * node signs every record it posts), the ledger connected to it, and its own information
 * server (base URL as recorded on chain, and the write token). */
export type TraceParty = {
  address: string;
  signer: Signer;
  ledger: ITraceLedger;
  infoServer: { url: string; token: string };
};
