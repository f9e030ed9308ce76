import { expect } from "chai";
import { appendFile, rm, truncate, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ChunkReadAbortedError,
  ChunkReadError,
  FileChangedError,
  InvalidChunkPlanError,
  planChunks,
  readFileChunks,
} from "../../../offchain/storage/index.js";
import type { ChunkPlan } from "../../../offchain/storage/index.js";
import { makeTempDirectory, randomContent, sameBytes } from "./helpers.js";

function sizes(plan: ChunkPlan): number[] {
  return Array.from({ length: plan.chunkCount }, (_, i) => plan.sizeOf(i));
}

/** Offsets are contiguous from 0 and the sizes add up to the file size. */
function expectContiguous(plan: ChunkPlan): void {
  let offset = 0;
  for (let i = 0; i < plan.chunkCount; i++) {
    expect(plan.offsetOf(i), `offset of chunk ${i}`).to.equal(offset);
    offset += plan.sizeOf(i);
  }
  expect(offset).to.equal(plan.fileSize);
}

function expectInvalid(run: () => unknown, option: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).to.be.instanceOf(InvalidChunkPlanError);
  expect((thrown as InvalidChunkPlanError).option).to.equal(option);
}

describe("offchain/storage chunker", function () {
  describe("planChunks", function () {
    it("--chunks N: exactly N balanced chunks (the first fileSize mod N one byte longer)", function () {
      for (const [fileSize, chunks] of [[10, 3], [9, 3], [1, 1], [100, 100], [3_145_728, 7], [1_000_003, 1000]] as const) {
        const plan = planChunks({ fileSize, chunks });
        expect(plan.chunkCount).to.equal(chunks);
        expectContiguous(plan);
        const all = sizes(plan);
        expect(Math.max(...all) - Math.min(...all)).to.be.at.most(1);
        const longer = fileSize % chunks;
        for (let i = 0; i < chunks; i++) expect(plan.sizeOf(i)).to.equal(Math.floor(fileSize / chunks) + (i < longer ? 1 : 0));
      }
      expect(sizes(planChunks({ fileSize: 10, chunks: 3 }))).to.deep.equal([4, 3, 3]);
    });

    it("--chunk-size S: ⌈fileSize / S⌉ chunks, the last shorter", function () {
      expect(sizes(planChunks({ fileSize: 10, chunkSize: 4 }))).to.deep.equal([4, 4, 2]);
      expect(sizes(planChunks({ fileSize: 12, chunkSize: 4 }))).to.deep.equal([4, 4, 4]);
      expect(sizes(planChunks({ fileSize: 3, chunkSize: 1_048_576 }))).to.deep.equal([3]);
      const plan = planChunks({ fileSize: 3_145_728 + 5, chunkSize: 1_048_576 });
      expect(plan.chunkCount).to.equal(4);
      expect(plan.sizeOf(3)).to.equal(5);
      expectContiguous(plan);
    });

    it("an empty file is one chunk of 0 bytes with either option", function () {
      for (const plan of [planChunks({ fileSize: 0, chunks: 1 }), planChunks({ fileSize: 0, chunks: 5 }), planChunks({ fileSize: 0, chunkSize: 4 })]) {
        expect(plan.chunkCount).to.equal(1);
        expect(plan.offsetOf(0)).to.equal(0);
        expect(plan.sizeOf(0)).to.equal(0);
      }
    });

    it("refuses invalid options, naming them", function () {
      expectInvalid(() => planChunks({ fileSize: 10 }), "options");
      expectInvalid(() => planChunks({ fileSize: 10, chunks: 2, chunkSize: 5 }), "options");
      expectInvalid(() => planChunks({ fileSize: 10, chunks: 0 }), "--chunks");
      expectInvalid(() => planChunks({ fileSize: 1_000_000, chunks: 100_001 }), "--chunks");
      expectInvalid(() => planChunks({ fileSize: 10, chunks: 2.5 }), "--chunks");
      expectInvalid(() => planChunks({ fileSize: 10, chunkSize: 0 }), "--chunk-size");
      expectInvalid(() => planChunks({ fileSize: 10, chunkSize: -4 }), "--chunk-size");
      expectInvalid(() => planChunks({ fileSize: 200_001, chunkSize: 2 }), "--chunk-size");
      expectInvalid(() => planChunks({ fileSize: -1, chunks: 1 }), "fileSize");
      expectInvalid(() => planChunks({ fileSize: 1.5, chunks: 1 }), "fileSize");
      expect(() => planChunks({ fileSize: 2, chunks: 3 })).to.throw(InvalidChunkPlanError, /2 bytes.*3 chunks/);
      const plan = planChunks({ fileSize: 10, chunks: 3 });
      expectInvalid(() => plan.sizeOf(3), "chunk index");
      expectInvalid(() => plan.offsetOf(-1), "chunk index");
    });
  });

  describe("readFileChunks", function () {
    let directory: string;
    before(async function () {
      directory = await makeTempDirectory("chunker");
    });
    after(async function () {
      await rm(directory, { recursive: true, force: true });
    });

    it("reads a 3 MiB file back byte for byte, with index and last flags", async function () {
      const content = randomContent(3 * 1_048_576);
      const file = join(directory, "three-mib.bin");
      await writeFile(file, content);
      for (const plan of [planChunks({ fileSize: content.length, chunks: 7 }), planChunks({ fileSize: content.length, chunkSize: 1_000_000 })]) {
        const parts: Uint8Array[] = [];
        for await (const chunk of readFileChunks({ file, plan })) {
          expect(chunk.index).to.equal(parts.length);
          expect(chunk.last).to.equal(chunk.index === plan.chunkCount - 1);
          expect(chunk.plaintext.length).to.equal(plan.sizeOf(chunk.index));
          parts.push(chunk.plaintext);
        }
        expect(parts).to.have.length(plan.chunkCount);
        expect(sameBytes(Buffer.concat(parts), content)).to.equal(true);
      }
    });

    it("reads an empty file as one empty last chunk", async function () {
      const file = join(directory, "empty.bin");
      await writeFile(file, new Uint8Array(0));
      const chunks = [];
      for await (const chunk of readFileChunks({ file, plan: planChunks({ fileSize: 0, chunks: 1 }) })) chunks.push(chunk);
      expect(chunks).to.have.length(1);
      expect(chunks[0]).to.deep.include({ index: 0, last: true });
      expect(chunks[0]?.plaintext.length).to.equal(0);
    });

    it("detects a file whose size differs from the plan before reading", async function () {
      const file = join(directory, "size.bin");
      await writeFile(file, randomContent(100));
      const reading = readFileChunks({ file, plan: planChunks({ fileSize: 101, chunks: 2 }) });
      await expectRejected(reading.next(), FileChangedError, /size is 100 bytes, the chunk plan was made for 101/);
    });

    it("detects a file that grows, shrinks or is rewritten while it is read", async function () {
      const changes: Array<[string, (file: string) => Promise<void>]> = [
        ["appended", (file) => appendFile(file, "x")],
        ["truncated", (file) => truncate(file, 50)],
        ["modification time changed (same size)", (file) => utimes(file, new Date(), new Date(Date.now() + 5_000)).then(() => undefined)],
      ];
      for (const [name, change] of changes) {
        const file = join(directory, `changing-${name.replaceAll(" ", "-")}.bin`);
        await writeFile(file, randomContent(300));
        const reading = readFileChunks({ file, plan: planChunks({ fileSize: 300, chunks: 3 }) });
        const first = await reading.next();
        expect(first.done, name).to.equal(false);
        await change(file);
        await expectRejected(reading.next(), FileChangedError, new RegExp(file.replaceAll(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
      }
    });

    it("stops when the caller aborts, and names a missing file", async function () {
      const file = join(directory, "abort.bin");
      await writeFile(file, randomContent(30));
      const controller = new AbortController();
      const reading = readFileChunks({ file, plan: planChunks({ fileSize: 30, chunks: 3 }), signal: controller.signal });
      await reading.next();
      controller.abort();
      await expectRejected(reading.next(), ChunkReadAbortedError, /aborted/);

      const missing = join(directory, "missing.bin");
      await expectRejected(readFileChunks({ file: missing, plan: planChunks({ fileSize: 1, chunks: 1 }) }).next(), ChunkReadError, /missing\.bin/);
      await expectRejected(readFileChunks({ file: "", plan: planChunks({ fileSize: 1, chunks: 1 }) }).next(), InvalidChunkPlanError, /file/);
    });
  });
});

async function expectRejected(promise: Promise<unknown>, errorClass: new (...args: never[]) => Error, message: RegExp): Promise<void> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown).to.be.instanceOf(errorClass);
  expect((thrown as Error).message).to.match(message);
}
