import { expect } from "chai";
import {
  decrypt,
  privateKeyFromPrimes,
  recoverNonce,
  verifyNonce,
} from "../../../../offchain/crypto/paillier/index.js";

/**
 * Known-answer data from Nasu et al., Figs. 6 and 7 (Q_B CC and XOR CC of "Lot Num1"):
 * Pubkey_n = 2830121771, Pubkey_n_squared = 8009589238688176441, 32 ciphertexts per list.
 * The figure text is OCR-damaged ('/', 'U', 'D', '$' in place of digits, merged tokens);
 * only entries made of digits alone are used, at their position in the list
 * (null = damaged, position kept). "T1Q_args" (the OCR reads "IlO_args") is X at time t,
 * "T2Q_args" ("120 arge") is Y at t+1, "XOR_args" is Enc(x_i ⊕ y_i).
 */
const PAPER_N = 2830121771n;
const PAPER_N_SQUARED = 8009589238688176441n;

// T1Q_args: lines 1–5 intact (positions 0–14); line 6 keeps only its third entry (17).
// After that the OCR merges and garbles tokens, so positions are unknown.
const T1Q: (bigint | null)[] = [
  4980725921889483287n, 6153175584547932505n, 5152481051748019804n,
  5813075183914971851n, 3053687218029093382n, 7519445935057616693n,
  5554622124560261958n, 7416830349963219832n, 3731218581147927956n,
  7737816729750121605n, 6407087674629651145n, 2616497229643427468n,
  7073255490218694482n, 3489053961054357288n, 1312997492291069014n,
  null, null, 4025988039903818004n,
];
// Digit-only tokens inside T1Q's garbled tail (position unknown): they look intact but are not.
const T1Q_GARBLED_TAIL_DIGIT_TOKENS = [2071162006419200622n, 4604106174004011405n, 62127600772604266n];

// T2Q_args: 32 entries; only position 23 ("1$53212265009784753") is damaged.
const T2Q: (bigint | null)[] = [
  2447649126763497706n, 5735021179952371458n, 2086631069180094640n,
  5721113090521884487n, 599323575824742571n, 4996588965493540626n,
  6257710524633230928n, 3958355396103966338n, 7573512328406491778n,
  703457837965909127n, 1842181989505388935n, 2744728351232161022n,
  4128917455875014382n, 53956562438283660n, 2120818422813844792n,
  2733856400927777620n, 2559371979199980996n, 3746243217245918378n,
  7072557803810737241n, 7232506223968543817n, 6909550095870789716n,
  5159912136778587406n, 5808041864759782390n, null,
  3319164070715731022n, 1336692394470427843n, 5923883745587898103n,
  1400869709299149335n, 4918479723931233979n, 5146918150838047487n,
  3740148318216792464n, 2854361354933483043n,
];

// XOR_args: 32 entries; lines 4, 5, 8 and 9 (positions 9–14 and 21–26) are damaged.
const XOR: (bigint | null)[] = [
  583480160070342483n, 607114339157570618n, 5461098146576138368n,
  1676259776696891574n, 5230036970634472003n, 7916196753652125780n,
  4654056267859177446n, 4848538767933050945n, 1270393055511576187n,
  null, null, null,
  null, null, null,
  2116589399509535665n, 1895107401328832684n, 2520109880548933048n,
  6353506828654654944n, 909583095077380766n, 3151624486558981203n,
  null, null, null,
  null, null, null,
  1415177324329643893n, 5627751940736229135n, 39502873181829625n,
  3143128945322885899n, 1924370384420209838n,
];

function factorByTrialDivision(n: bigint): [bigint, bigint] {
  for (let d = 3n; d * d <= n; d += 2n) if (n % d === 0n) return [d, n / d];
  throw new Error(`${n} is prime`);
}

describe("comparison: known answers from the paper's Fig. 6/7 (32-bit demo key)", function () {
  const [p, q] = factorByTrialDivision(PAPER_N);
  const privateKey = privateKeyFromPrimes({ p, q, allowInsecureKeySize: true });
  const bits = (list: (bigint | null)[]) => list.map((c) => (c === null ? null : decrypt({ privateKey, c })));

  it("factors Pubkey_n = 2830121771 = 47917 · 59063, and Pubkey_n_squared is n²", function () {
    expect([p, q]).to.deep.equal([47917n, 59063n]);
    expect(privateKey.publicKey.n).to.equal(PAPER_N);
    expect(privateKey.publicKey.n2).to.equal(PAPER_N_SQUARED);
  });

  it("every intact ciphertext of T1Q, T2Q and XOR decrypts to 0 or 1", function () {
    for (const [name, list] of [["T1Q", T1Q], ["T2Q", T2Q], ["XOR", XOR]] as const) {
      bits(list).forEach((m, i) => {
        if (m !== null) expect([0n, 1n], `${name}[${i}] decrypts to ${m}`).to.include(m);
      });
    }
    expect(T2Q).to.have.length(32);
    expect(XOR).to.have.length(32);
  });

  it("the data say (LSB-first): X = …1011 = 11, Y = …1010 = 10 in the intact bits; XOR = 1 only at bit 0", function () {
    // Positions 0..: T1Q 1,1,0,1,0,…,0 (0–14), bit 17 = 0; T2Q 0,1,0,1,0,…,0 (all 31 intact);
    // XOR 1,0,0,… at every intact position.
    const x = bits(T1Q);
    const y = bits(T2Q);
    const xor = bits(XOR);
    expect(x).to.deep.equal([1n, 1n, 0n, 1n, ...Array<bigint>(11).fill(0n), null, null, 0n]);
    expect(y).to.deep.equal([0n, 1n, 0n, 1n, ...Array<bigint>(19).fill(0n), null, ...Array<bigint>(8).fill(0n)]);
    expect(xor.filter((m) => m !== null)).to.deep.equal([1n, ...Array<bigint>(19).fill(0n)]);
    expect(xor[0]).to.equal(1n);
  });

  it("XOR entries equal x_i ⊕ y_i wherever all three are intact (positions 0–8 and 17)", function () {
    const x = bits(T1Q);
    const y = bits(T2Q);
    const xor = bits(XOR);
    const checked: number[] = [];
    for (let i = 0; i < 32; i++) {
      const [xi, yi, zi] = [x[i], y[i], xor[i]];
      if (xi == null || yi == null || zi == null) continue;
      expect(zi, `bit ${i}`).to.equal(xi ^ yi);
      checked.push(i);
    }
    expect(checked).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 17]);
  });

  it("bit order: the data fit LSB-first (small values 11 → 10) — suggestive, not a proof", function () {
    // Read LSB-first (index = weight), the intact bits give X = 11 and Y = 10 (+ unknown bits
    // where the figure is damaged: X at 21–26, Y at 23; elsewhere X's bits follow from Y ⊕ XOR).
    // Read MSB-first they would give Y = 2^30 + 2^28 = 1342177280 (≥ 2^30, a 31-bit quality
    // value). Every bit vector is valid under either order, so the data cannot prove the
    // order; small measurement values make LSB-first the natural reading, and the set bits all
    // sit at the list's start, as an LSB-first expansion of a small number does.
    const y = bits(T2Q);
    const lsbFirst = y.reduce<bigint>((acc, m, i) => acc + (m ?? 0n) * (1n << BigInt(i)), 0n);
    const msbFirst = y.reduce<bigint>((acc, m, i) => acc + (m ?? 0n) * (1n << BigInt(31 - i)), 0n);
    expect(lsbFirst).to.equal(10n);
    expect(msbFirst).to.equal(1342177280n);
    // X's damaged positions 15, 16, 18–20 and 27–31 are recovered as y_i ⊕ (x_i ⊕ y_i) = 0.
    const x = bits(T1Q);
    const xor = bits(XOR);
    const xFromXor = [15, 16, 18, 19, 20, 27, 28, 29, 30, 31].map((i) => y[i]! ^ xor[i]!);
    expect(xFromXor.every((b) => b === 0n)).to.equal(true);
    const xLow = x.slice(0, 15).reduce<bigint>((acc, m, i) => acc + m! * (1n << BigInt(i)), 0n);
    expect(xLow).to.equal(11n);
  });

  it("digit-only tokens in T1Q's garbled tail are OCR damage too: they decrypt to neither 0 nor 1", function () {
    for (const c of T1Q_GARBLED_TAIL_DIGIT_TOKENS) {
      expect([0n, 1n]).to.not.include(decrypt({ privateKey, c }));
    }
  });

  it("the paper's Enc(0) ciphertexts open with a recovered nonce (the answer proof used here)", function () {
    const c = T2Q[0]!; // y_0 = 0
    const r = recoverNonce({ privateKey, c });
    expect(verifyNonce({ publicKey: privateKey.publicKey, c, m: 0n, r })).to.equal(true);
    expect(verifyNonce({ publicKey: privateKey.publicKey, c: T2Q[1]!, m: 0n, r: recoverNonce({ privateKey, c: T2Q[1]! }) })).to.equal(false);
  });
});
