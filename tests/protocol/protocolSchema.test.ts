import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { targetsFor } from "../../src/data/targets.ts";
import { initWeights } from "../../src/nets/initWeights.ts";
import { PYTORCH_ADAPTER, pythonWithTorch } from "../../src/implementation/activeImplementation.ts";
import { readNpy } from "../../src/protocol/npy.ts";
import type { ResultMessage, TrainMessage } from "../../src/protocol/protocolMessages.ts";
import { readResultRuns } from "../../src/protocol/readResultRuns.ts";
import { processTrainer } from "../../src/protocol/processTrainer.ts";
import { writeRequestFiles } from "../../src/protocol/writeRequestFiles.ts";
import { batchOrder } from "../../src/train/batchOrder.ts";
import { warmup } from "../../src/train/schedule.ts";
import type { TrainingRequest } from "../../src/train/types.ts";
import { FAKE_TRAINER, requestOf, requestShapeArb, sandbox } from "./fakeTrainerHarness.ts";
import { schemaErrors } from "./protocolSchema.ts";

const dir = mkdtempSync(join(tmpdir(), "theorem-spec-schema-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The ```json blocks of docs/trainer-protocol.md. */
function documentedMessages(): unknown[] {
  const doc = readFileSync(new URL("../../docs/trainer-protocol.md", import.meta.url), "utf8");
  return [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as unknown);
}

/** Runs a trainer (`argv`) on one request (written by `writeRequestFiles`) and returns every stdout message. */
async function conversation(argv: readonly string[], request: TrainingRequest, requestDir: string, mode: "free" | "aligned" = "aligned"): Promise<unknown[]> {
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ["pipe", "pipe", "ignore"] });
  const lines: unknown[] = [];
  const reader = createInterface({ input: child.stdout });
  const done = new Promise<void>((resolve) => child.on("close", () => resolve()));
  reader.on("line", (line) => {
    const message = JSON.parse(line) as { type: string };
    lines.push(message);
    if (message.type === "hello") child.stdin.write(`${JSON.stringify(writeRequestFiles(requestDir, request, { id: "r1", mode }))}\n`);
    if (message.type === "result" || message.type === "error") child.stdin.end(`${JSON.stringify({ type: "shutdown" })}\n`);
  });
  await done;
  return lines;
}

describe("the protocol's JSON Schema (docs/trainer-protocol.schema.json)", () => {
  it("accepts every example message of docs/trainer-protocol.md, and refuses broken ones", () => {
    const examples = documentedMessages();
    expect(examples.map((m) => (m as { type: string }).type).sort()).toEqual(["error", "hello", "progress", "result", "shutdown", "train"]);
    for (const message of examples) expect(schemaErrors(message)).toEqual([]);
    const train = examples.find((m) => (m as { type: string }).type === "train") as Record<string, unknown>;
    expect(schemaErrors({ ...train, runs: [] }, "train")).not.toEqual([]);
    expect(schemaErrors({ ...train, mode: "sloppy" })).not.toEqual([]);
    expect(schemaErrors({ type: "hello", protocol: 1, name: "x", modes: [] })).not.toEqual([]);
    expect(schemaErrors({ type: "result", id: "r1", mode: "free", runs: [{ status: "ok", steps: [0], losses: ["0.1"], weights: [] }] })).not.toEqual([]);
  });

  it("the requests the client writes conform, with the files equal to initWeights, batchOrder, targetsFor and the schedule", () => {
    fc.assert(
      fc.property(requestShapeArb, fc.boolean(), (shape, warm) => {
        const request = { ...requestOf(shape), ...(warm ? { schedule: warmup(3, 0.2) } : {}) };
        const requestDir = mkdtempSync(join(dir, "req-"));
        const message = writeRequestFiles(requestDir, request, { id: "r9", mode: "aligned" });
        expect(schemaErrors(message, "train")).toEqual([]);
        const T = request.steps;
        const N = shape.count;
        const B = shape.batch === "full" ? N : shape.batch;
        expect(message.fullBatch).toBe(B === N);
        expect(message.batchSize).toBe(B);
        const schedule = readNpy(join(requestDir, message.schedule));
        expect(schedule).toEqual({ dtype: "<f8", shape: [T], data: Float64Array.from({ length: T }, (_, t) => (warm ? warmup(3, 0.2)(t, T) : 1)) });
        message.runs.forEach((run, s) => {
          const spec = request.runs[s]!;
          expect(readNpy(join(requestDir, run.inputs))).toEqual({ dtype: "<f4", shape: [N, shape.dim], data: spec.data.inputs });
          expect(readNpy(join(requestDir, run.labels))).toEqual({ dtype: "<i4", shape: [N], data: spec.data.labels });
          const C = request.architecture.outputDim;
          expect(readNpy(join(requestDir, run.targets))).toEqual({ dtype: "<f4", shape: [N, C], data: targetsFor(spec.data, C) });
          const init = initWeights(request.architecture, spec.seed);
          run.initialWeights.forEach((file, k) => {
            expect(readNpy(join(requestDir, file))).toEqual({ dtype: "<f4", shape: [message.layers[k]!.rows, message.layers[k]!.cols], data: init[k] });
          });
          if (B === N) {
            expect(run.batches).toBeNull();
          } else {
            const next = batchOrder(spec.seed, N, B);
            const rows = Int32Array.from({ length: T * B });
            for (let t = 0; t < T; t++) rows.set(next(), t * B);
            expect(readNpy(join(requestDir, run.batches!))).toEqual({ dtype: "<i4", shape: [T, B], data: rows });
          }
          expect([run.seed, run.weightDecay, run.learningRate, run.count, run.dim, run.classes]).toEqual([spec.seed, spec.weightDecay, spec.learningRate, N, shape.dim, spec.data.classes]);
        });
        rmSync(requestDir, { recursive: true });
      }),
      { numRuns: 30 },
    );
  });

  it("a CNN request carries every stride explicitly and its layer shapes", () => {
    const architecture = { kind: "conv" as const, inputShape: [6] as const, inputChannels: 2, conv: [{ kernel: 2, channels: 3 }, { kernel: 3, stride: 1, channels: 2 }], outputDim: 2, normalization: "none" as const };
    const base = requestOf({ runs: 1, dim: 12, hidden: [1], classes: 2, binary: false, count: 5, batch: "full", steps: 2, extraRecord: [], seed: 3, normalization: "none" });
    const requestDir = mkdtempSync(join(dir, "conv-"));
    const message = writeRequestFiles(requestDir, { ...base, architecture }, { id: "r1", mode: "free" });
    expect(schemaErrors(message)).toEqual([]);
    expect(message.architecture).toEqual({ ...architecture, conv: [{ kernel: 2, stride: 2, channels: 3 }, { kernel: 3, stride: 1, channels: 2 }] });
    expect(message.layers).toEqual([{ rows: 3, cols: 4 }, { rows: 2, cols: 9 }, { rows: 2, cols: 2 }]);
  });

  it("the fake trainer's answers conform (hello, progress, result, error)", async () => {
    const request = requestOf({ runs: 2, dim: 3, hidden: [4], classes: 3, binary: false, count: 6, batch: 2, steps: 4, extraRecord: [2], seed: 5, normalization: "weight" });
    for (const fault of ["progress", "error"]) {
      const messages = await conversation([process.execPath, FAKE_TRAINER, fault], request, mkdtempSync(join(dir, "fake-")));
      expect(messages.map((m) => (m as { type: string }).type)).toEqual(fault === "error" ? ["hello", "error"] : ["hello", "progress", "result"]);
      for (const m of messages) expect(schemaErrors(m)).toEqual([]);
    }
  });

  it("the shipped PyTorch adapter's answers conform, and its result reads back without a fault", async (context) => {
    let python: string;
    try {
      python = pythonWithTorch();
    } catch {
      context.skip("no python3 with torch on this machine (apt-get install python3-torch python3-numpy)");
      return;
    }
    const request = requestOf({ runs: 2, dim: 3, hidden: [4], classes: 3, binary: false, count: 6, batch: 2, steps: 4, extraRecord: [2], seed: 5, normalization: "weight" });
    for (const mode of ["aligned", "free"] as const) {
      const requestDir = mkdtempSync(join(dir, "pytorch-"));
      const messages = await conversation([python, PYTORCH_ADAPTER], request, requestDir, mode);
      for (const m of messages) expect(schemaErrors(m)).toEqual([]);
      const result = messages.at(-1) as ResultMessage;
      expect(result.type).toBe("result");
      const message = JSON.parse(JSON.stringify(writeRequestFiles(mkdtempSync(join(dir, "again-")), request, { id: "r1", mode }))) as TrainMessage;
      for (const run of readResultRuns(requestDir, request, message, result)) expect(run.status).toBe("ok");
    }
  }, 120_000);

  it("the lines processTrainer writes to the trainer's stdin conform (train, shutdown)", async () => {
    const box = sandbox();
    const trainer = processTrainer({ command: `${JSON.stringify(process.execPath)} ${JSON.stringify(FAKE_TRAINER)}`, env: box.env, tempRoot: box.tempRoot, mode: "aligned" });
    try {
      await trainer.train(requestOf({ runs: 1, dim: 2, hidden: [2], classes: 2, binary: true, count: 4, batch: 3, steps: 3, extraRecord: [], seed: 1, normalization: "none" }));
    } finally {
      await trainer.close();
    }
    const lines = box.loggedLines();
    box.dispose();
    expect(lines.map((l) => (l as { type: string }).type)).toEqual(["train", "shutdown"]);
    for (const line of lines) expect(schemaErrors(line)).toEqual([]);
  });
});
