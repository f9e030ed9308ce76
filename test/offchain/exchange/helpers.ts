import { expect } from "chai";

import { ExchangeFormatError } from "../../../offchain/exchange/index.js";

export const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
export const bytesOf = (text: string) => new TextEncoder().encode(text);

/** Edits the JSON of a document and re-encodes it (so only the edited field is wrong). */
export function edit(bytes: Uint8Array, change: (document: Record<string, any>) => void): Uint8Array {
  const document = JSON.parse(utf8(bytes)) as Record<string, any>;
  change(document);
  return bytesOf(JSON.stringify(document));
}

/** A malformed-field case: the edit, and the text the refusal must contain (the field's name). */
export type FieldCase = [label: string, change: (document: Record<string, any>) => void, names: string];

/** Asserts that every case is refused by `parse` with an ExchangeFormatError naming the field. */
export function expectEachRefused(valid: Uint8Array, parse: (bytes: Uint8Array) => unknown, cases: FieldCase[]): void {
  for (const [label, change, names] of cases) {
    const bytes = edit(valid, change);
    let caught: unknown;
    try {
      parse(bytes);
    } catch (error) {
      caught = error;
    }
    expect(caught, label).to.be.instanceOf(ExchangeFormatError);
    expect((caught as Error).message, label).to.include(names);
  }
}

export function flipByte(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

/** Awaits `action` and returns what it threw (fails when it did not throw). */
export async function caught(action: () => unknown): Promise<Error> {
  try {
    await action();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a refusal, nothing was thrown");
}
