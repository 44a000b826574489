/**
 * When two training requests can be trained as one (`coalescingServer.ts`): the reference trainer
 * (`src/train/sgdTrainer.ts`) shares across the runs of a request exactly these fields — the
 * trainer's options, the architecture, the training-set size N (and the data's dimensions), B,
 * the number of steps, the learning-rate multiplier at every step, the snapshot steps and the
 * divergence factor. Everything else (seed, data, λ, η) is per run. Two requests with the same key
 * train, run for run, what each would train alone (checked bit for bit in
 * tests/reliability/coalescing.test.ts).
 */
import { createHash } from "node:crypto";
import type { TrainingRequest } from "../train/types.ts";

/** The options of `sgdTrainer` that change what it computes. */
export interface CoalescedTrainerOptions {
  readonly trainOnlyLastLayer?: boolean;
  readonly wasmSteps?: boolean;
}

/**
 * The schedule as the trainer reads it: m(t, T) for t = 0 … T − 1, or `undefined` when every
 * multiplier is exactly 1 (the trainer's default `constantSchedule`).
 */
export function scheduleTable(request: Pick<TrainingRequest, "schedule" | "steps">): Float64Array | undefined {
  const { schedule, steps } = request;
  if (schedule === undefined) return undefined;
  const table = new Float64Array(steps);
  let allOne = true;
  for (let t = 0; t < steps; t++) {
    const m = schedule(t, steps);
    table[t] = m;
    if (m !== 1) allOne = false;
  }
  return allOne ? undefined : table;
}

/** The steps the trainer records (0, `steps` and `recordAt`), ascending, without repeats. */
export function recordSteps(request: Pick<TrainingRequest, "recordAt" | "steps">): number[] {
  return [...new Set([0, request.steps, ...(request.recordAt ?? [])])].sort((a, b) => a - b);
}

/** A string equal for two requests exactly when the reference trainer may train their runs together. */
export function coalesceKey(request: TrainingRequest, options: CoalescedTrainerOptions, table: Float64Array | undefined = scheduleTable(request)): string {
  const data = request.runs[0]?.data;
  const schedule = table === undefined ? "1" : createHash("sha256").update(new Uint8Array(table.buffer, table.byteOffset, table.byteLength)).digest("hex").slice(0, 24);
  return JSON.stringify({
    options: { trainOnlyLastLayer: options.trainOnlyLastLayer === true, wasmSteps: options.wasmSteps ?? true },
    architecture: request.architecture,
    n: data?.count,
    dim: data?.dim,
    classes: data?.classes,
    batchSize: request.batchSize,
    steps: request.steps,
    schedule,
    recordAt: recordSteps(request),
    divergenceFactor: request.divergenceFactor ?? null,
  });
}
