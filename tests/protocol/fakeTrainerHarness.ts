/**
 * Shared pieces of the protocol tests: the fake trainer's command line, a sandbox per test (temp
 * root, pid file, stdin log, "once" marker), generated training requests, and the checks that a
 * run is the fake's exact answer and that no process outlived the trainer.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { expect } from "vitest";
import type { Dataset } from "../../src/data/dataset.ts";
import type { Architecture } from "../../src/nets/architecture.ts";
import { initWeights } from "../../src/nets/initWeights.ts";
import { recordSteps } from "../../src/protocol/writeRequestFiles.ts";
import { createRng } from "../../src/random/rng.ts";
import type { TrainedRun, TrainingRequest } from "../../src/train/types.ts";

export const FAKE_TRAINER = join(dirname(fileURLToPath(import.meta.url)), "fakeTrainer.mjs");
/** The constant loss the fake trainer reports. */
export const FAKE_LOSS = 0.5;

/** `node fakeTrainer.mjs <fault>` as a shell command line. */
export function fakeCommand(fault = "none"): string {
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(FAKE_TRAINER)} ${fault}`;
}

export interface Sandbox {
  readonly root: string;
  /** Request directories go here (the `tempRoot` option); empty between requests. */
  readonly tempRoot: string;
  /** The environment telling the fake where to log and to misbehave only once. */
  readonly env: NodeJS.ProcessEnv;
  readonly logFile: string;
  pids(): number[];
  loggedLines(): unknown[];
  dispose(): void;
}

export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), "theorem-spec-protocol-test-"));
  const tempRoot = join(root, "requests");
  mkdirSync(tempRoot);
  const pidFile = join(root, "pids");
  const logFile = join(root, "stdin.log");
  const env = { ...process.env, FAKE_TRAINER_ONCE: join(root, "once"), FAKE_TRAINER_PIDS: pidFile, FAKE_TRAINER_LOG: logFile };
  const read = (file: string): string[] => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter((l) => l !== "") : []);
  return {
    root,
    tempRoot,
    env,
    logFile,
    pids: () => read(pidFile).map(Number),
    loggedLines: () => read(logFile).map((l) => JSON.parse(l) as unknown),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** True while `pid` is a live process (a zombie, reaped by nobody in a container, counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

/** Waits (up to `ms`) until none of `pids` is alive; returns those still alive. */
export async function survivors(pids: readonly number[], ms = 3000): Promise<number[]> {
  const until = Date.now() + ms;
  let alive = pids.filter(processAlive);
  while (alive.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    alive = alive.filter(processAlive);
  }
  return alive;
}

function dataset(count: number, dim: number, classes: number, seed: number): Dataset {
  const rng = createRng(seed);
  const labels = Int32Array.from({ length: count }, (_, n) => n % classes);
  const inputs = Float32Array.from({ length: count * dim }, () => rng.normal());
  return { inputs, labels, count, dim, classes };
}

/** The shape of a generated request. */
export interface RequestShape {
  readonly runs: number;
  readonly dim: number;
  readonly hidden: readonly number[];
  readonly classes: number;
  readonly binary: boolean;
  readonly count: number;
  readonly batch: number | "full";
  readonly steps: number;
  readonly extraRecord: readonly number[];
  readonly seed: number;
  readonly normalization: "none" | "weight";
}

export const requestShapeArb: fc.Arbitrary<RequestShape> = fc
  .record({
    runs: fc.integer({ min: 1, max: 3 }),
    dim: fc.integer({ min: 1, max: 5 }),
    hidden: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }),
    classes: fc.integer({ min: 2, max: 4 }),
    binary: fc.boolean(),
    count: fc.integer({ min: 4, max: 12 }),
    steps: fc.integer({ min: 1, max: 8 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
    normalization: fc.constantFrom("none" as const, "weight" as const),
    batchFraction: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    record: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
  })
  .map(({ batchFraction, record, ...s }) => ({
    ...s,
    batch: batchFraction === undefined ? "full" : Math.max(1, Math.ceil(batchFraction * s.count)),
    extraRecord: record.map((f) => Math.floor(f * s.steps)),
  }));

export function architectureOf(shape: RequestShape): Architecture {
  const outputDim = shape.binary ? 1 : shape.classes;
  return { inputDim: shape.dim, hidden: [...shape.hidden], outputDim, normalization: shape.normalization };
}

/** A valid request of `shape` (binary: C = 2 with one ±1 output). */
export function requestOf(shape: RequestShape): TrainingRequest {
  const classes = shape.binary ? 2 : shape.classes;
  return {
    architecture: architectureOf(shape),
    runs: Array.from({ length: shape.runs }, (_, s) => ({
      seed: shape.seed + s,
      data: dataset(shape.count, shape.dim, classes, shape.seed * 7 + s),
      weightDecay: 1e-3 * s,
      learningRate: 0.05,
    })),
    batchSize: shape.batch,
    steps: shape.steps,
    recordAt: shape.extraRecord,
  };
}

/** Checks that `run` is the fake's answer: ok, every record step, the initial weights, loss FAKE_LOSS (up to `snapshots` of them). */
export function expectFakeAnswer(run: TrainedRun, request: TrainingRequest, snapshots = recordSteps(request).length): void {
  const steps = recordSteps(request).slice(0, snapshots);
  expect(run.snapshots.map((s) => s.step)).toEqual(steps);
  const init = initWeights(request.architecture, run.spec.seed);
  for (const snapshot of run.snapshots) {
    expect(snapshot.loss).toBe(FAKE_LOSS);
    expect(snapshot.weights).toEqual(init);
  }
}
