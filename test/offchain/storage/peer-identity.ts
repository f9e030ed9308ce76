import { expect } from "chai";
import { peerIdFromString } from "@libp2p/peer-id";
import {
  InvalidPeerIdentityError,
  generatePeerIdentity,
  peerIdentityFromBytes,
} from "../../../offchain/storage/index.js";

describe("offchain/storage peer identity", function () {
  it("generates an Ed25519 identity whose bytes restore the same peer id", async function () {
    const identity = await generatePeerIdentity();
    expect(identity.privateKey.type).to.equal("Ed25519");
    expect(identity.peerId).to.match(/^12D3KooW/);
    expect(peerIdFromString(identity.peerId).type).to.equal("Ed25519");
    expect(identity.privateKeyBytes).to.be.instanceOf(Uint8Array);

    const restored = peerIdentityFromBytes(identity.privateKeyBytes);
    expect(restored.peerId).to.equal(identity.peerId);
    expect(restored.privateKey.equals(identity.privateKey)).to.equal(true);
    expect(restored.privateKeyBytes).to.deep.equal(identity.privateKeyBytes);
    expect(restored.privateKeyBytes).to.not.equal(identity.privateKeyBytes); // a copy
  });

  it("generates a different identity each time", async function () {
    const [x, y] = await Promise.all([generatePeerIdentity(), generatePeerIdentity()]);
    expect(x.peerId).to.not.equal(y.peerId);
  });

  it("rejects bytes that are not a protobuf private key", function () {
    expect(() => peerIdentityFromBytes(new Uint8Array([1, 2, 3]))).to.throw(InvalidPeerIdentityError, /3 bytes/);
    expect(() => peerIdentityFromBytes(new Uint8Array(0))).to.throw(InvalidPeerIdentityError);
    expect(() => peerIdentityFromBytes("abc" as unknown as Uint8Array)).to.throw(InvalidPeerIdentityError, /Uint8Array/);
  });
});
