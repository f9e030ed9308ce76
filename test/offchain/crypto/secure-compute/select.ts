import { expect } from "chai";
import { randomInt } from "node:crypto";
import {
  FORMULA,
  PaillierCiphertextError,
  SecureComputeBoundsError,
  SecureComputeParameterError,
  createComparisonOracle,
  evaluateFormula,
  maxAbsValue,
  maxEncrypted,
  minEncrypted,
  multiplyByConstant,
  selectEncrypted,
  type PaillierKeyPair,
} from "../../../../offchain/crypto/index.js";
import { generatedKeyPair } from "../../../helpers/paillier-keys.js";
import { rejection } from "../../../helpers/rejection.js";
import { decryptSigned, encryptSigned, randomPair, randomSigned, randomValue } from "./support.js";

function formula(a: bigint, b: bigint): bigint {
  const m1 = 37n * a > 150n * b ? 37n * a : 150n * b;
  const m2 = m1 < 150_000n ? m1 : 150_000n;
  return m2 > 50_000n ? m2 : 50_000n;
}

describe("secure-compute: select, max/min, multiplyByConstant, the formula (2048-bit key)", function () {
  this.timeout(300_000);
  let keys: PaillierKeyPair;
  let B: bigint;

  before(async function () {
    keys = await generatedKeyPair(2048);
    B = maxAbsValue(keys.publicKey);
  });

  it("selectEncrypted returns a fresh ciphertext of the chosen input (200 random cases)", function () {
    const { publicKey, privateKey } = keys;
    for (let i = 0; i < 200; i++) {
      const [x, y] = randomPair(B);
      const ifTrue = encryptSigned(publicKey, x);
      const ifFalse = encryptSigned(publicKey, y);
      const condition = randomInt(0, 2) === 1;
      const c = selectEncrypted({ publicKey, condition, ifTrue, ifFalse });
      expect(c === ifTrue || c === ifFalse).to.equal(false);
      expect(decryptSigned(privateKey, c)).to.equal(condition ? x : y);
    }
  });

  it("selectEncrypted validates both ciphertexts and the condition", function () {
    const { publicKey } = keys;
    const good = encryptSigned(publicKey, 1n);
    for (const condition of [true, false]) {
      expect(() => selectEncrypted({ publicKey, condition, ifTrue: good, ifFalse: 0n })).to.throw(PaillierCiphertextError, /ifFalse/);
      expect(() => selectEncrypted({ publicKey, condition, ifTrue: publicKey.n2, ifFalse: good })).to.throw(PaillierCiphertextError, /ifTrue/);
    }
    for (const condition of [1, "true", null, undefined]) {
      expect(() => selectEncrypted({ publicKey, condition: condition as never, ifTrue: good, ifFalse: good })).to.throw(SecureComputeParameterError, /condition/);
    }
  });

  it("maxEncrypted / minEncrypted agree with max / min on 200 random pairs each", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    for (let i = 0; i < 200; i++) {
      const [x, y] = randomPair(B);
      const a = encryptSigned(publicKey, x);
      const b = encryptSigned(publicKey, y);
      const useMax = i % 2 === 0;
      const c = await (useMax ? maxEncrypted : minEncrypted)({ publicKey, a, b, oracle });
      expect(c === a || c === b).to.equal(false);
      expect(decryptSigned(privateKey, c), `${useMax ? "max" : "min"}(${x}, ${y})`).to.equal(useMax ? (x >= y ? x : y) : x <= y ? x : y);
    }
  });

  it("multiplyByConstant agrees with k·x on 200 random (x, k), k of either sign", function () {
    const { publicKey, privateKey } = keys;
    for (let i = 0; i < 200; i++) {
      const k = randomInt(0, 4) === 0 ? randomSigned(3n) : randomValue(1n << 64n);
      const inputBound = B / (k === 0n ? 1n : k < 0n ? -k : k);
      const x = randomSigned(inputBound < 1n << 128n ? inputBound : 1n << 128n);
      const c = multiplyByConstant({ publicKey, c: encryptSigned(publicKey, x), k, inputBound });
      expect(decryptSigned(privateKey, c), `${k}·${x}`).to.equal(k * x);
    }
  });

  it("multiplyByConstant refuses |k|·inputBound > B, k outside [−B, B], missing or bad inputBound", function () {
    const { publicKey } = keys;
    const c = encryptSigned(publicKey, 7n);
    const half = B / 2n;
    expect(() => multiplyByConstant({ publicKey, c, k: 2n, inputBound: half })).to.not.throw();
    expect(() => multiplyByConstant({ publicKey, c, k: -2n, inputBound: half })).to.not.throw();
    for (const k of [3n, -3n]) {
      const error = (() => {
        try {
          multiplyByConstant({ publicKey, c, k, inputBound: half });
        } catch (e) {
          return e as Error;
        }
        throw new Error("accepted");
      })();
      expect(error).to.be.instanceOf(SecureComputeBoundsError);
      expect(error.message).to.contain(`k = ${k}`).and.contain(`inputBound = ${half}`);
    }
    expect(() => multiplyByConstant({ publicKey, c, k: B + 1n, inputBound: 1n })).to.throw(SecureComputeBoundsError, /k = /);
    expect(() => multiplyByConstant({ publicKey, c, k: 2n, inputBound: B + 1n })).to.throw(SecureComputeBoundsError, /inputBound/);
    expect(() => multiplyByConstant({ publicKey, c, k: 2n } as never)).to.throw(SecureComputeParameterError, /inputBound/);
    expect(() => multiplyByConstant({ publicKey, c, k: 2n, inputBound: 0n })).to.throw(SecureComputeParameterError, /inputBound/);
    expect(() => multiplyByConstant({ publicKey, c, k: 2 as never, inputBound: 5n })).to.throw(SecureComputeParameterError, /k/);
    expect(() => multiplyByConstant({ publicKey, c: 0n, k: 2n, inputBound: 5n })).to.throw(PaillierCiphertextError);
    expect(() => multiplyByConstant({ publicKey, c, k: 2n, inputBound: 5n, sigmaBits: 39 })).to.throw(SecureComputeParameterError, /sigmaBits/);
  });

  it("evaluateFormula = max(min(max(37A, 150B), 150000), 50000) on 200 random (A, B), 3 comparisons each", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const interesting = [0n, 1n, -1n, 1351n, 1352n, 4054n, 333n, 334n, 1000n, 1000n, 4055n]; // 50000/37 ≈ 1351.4, 150000/37 ≈ 4054.1, 50000/150 ≈ 333.3
    for (let i = 0; i < 200; i++) {
      const pick = () => (randomInt(0, 3) === 0 ? interesting[randomInt(0, interesting.length)]! : randomInt(0, 2) === 0 ? randomSigned(6000n) : randomValue(B / 150n));
      const A = pick();
      const Bv = pick();
      const out = await evaluateFormula({ publicKey, encA: encryptSigned(publicKey, A), encB: encryptSigned(publicKey, Bv), oracle });
      expect(decryptSigned(privateKey, out.result), `F(${A}, ${Bv})`).to.equal(formula(A, Bv));
      expect(out).to.include({ comparisons: 3, ciphertextsSent: 3, ciphertextsReceived: 0 });
    }
    expect(oracle.seen()).to.have.length(600);
  });

  it("evaluateFormula at the ties of each step (37A = 150B, = 150000, = 50000) and at ±inputBound", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const top = B / 150n;
    const cases: [bigint, bigint][] = [[150n, 37n], [0n, 1000n], [0n, 999n], [0n, 1001n], [0n, 333n], [0n, 334n], [top, top], [-top, -top], [top, -top], [-top, top]];
    for (const [A, Bv] of cases) {
      const { result } = await evaluateFormula({ publicKey, encA: encryptSigned(publicKey, A), encB: encryptSigned(publicKey, Bv), oracle });
      expect(decryptSigned(privateKey, result), `F(${A}, ${Bv})`).to.equal(formula(A, Bv));
    }
  });

  it("the key holder never sees 37A, 150B, the result, nor their differences, and no value below 2^40 unless a tie", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const A = 2600n;
    const Bv = 3200n;
    const out = await evaluateFormula({ publicKey, encA: encryptSigned(publicKey, A), encB: encryptSigned(publicKey, Bv), oracle });
    expect(decryptSigned(privateKey, out.result)).to.equal(formula(A, Bv)); // 150 · 3200 = 480000 → capped at 150000
    const plain = [A, Bv, 37n * A, 150n * Bv, 150_000n, 50_000n, 37n * A - 150n * Bv, 150n * Bv - 150_000n, 150_000n - 50_000n];
    for (const q of oracle.seen()) {
      const v = decryptSigned(privateKey, q.ciphertext);
      for (const p of plain) expect(v === p || v === -p).to.equal(false);
      expect((v < 0n ? -v : v) >= 2n ** 40n).to.equal(true);
    }
  });

  it("evaluateFormula refuses an inputBound above B/150, sigma < 40 and bad ciphertexts", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const encA = encryptSigned(publicKey, 1n);
    const encB = encryptSigned(publicKey, 2n);
    const tooBig = await rejection(evaluateFormula({ publicKey, encA, encB, oracle, inputBound: B / 150n + 1n }));
    expect(tooBig).to.be.instanceOf(SecureComputeBoundsError);
    expect(tooBig.message).to.contain("150·inputBound");
    expect(await rejection(evaluateFormula({ publicKey, encA, encB, oracle, sigmaBits: 39 }))).to.be.instanceOf(SecureComputeParameterError);
    expect(await rejection(evaluateFormula({ publicKey, encA: 0n, encB, oracle }))).to.be.instanceOf(PaillierCiphertextError);
    expect(await rejection(evaluateFormula({ publicKey, encA, encB: publicKey.n, oracle }))).to.be.instanceOf(PaillierCiphertextError);
    expect(await rejection(evaluateFormula({ publicKey, encA, encB, oracle: null as never }))).to.be.instanceOf(SecureComputeParameterError);
    const small = await evaluateFormula({ publicKey, encA, encB, oracle, inputBound: 1000n });
    expect(decryptSigned(privateKey, small.result)).to.equal(50_000n);
    expect(FORMULA).to.deep.equal({ weightA: 37n, weightB: 150n, cap: 150_000n, floor: 50_000n });
  });
});
