import { validateDataset } from "../data/dataset.ts";
import { describeValue } from "../linalg/validate.ts";
import { compileArchitecture } from "../nets/architecture.ts";
import type { TrainingRequest } from "./types.ts";

/**
 * Throws an error naming the field, its value and what was expected unless `request` is valid:
 * at least one run; every run's data consistent with the architecture and of the same size N;
 * λ ≥ 0 and η > 0 finite; 1 ≤ B ≤ N; steps ≥ 1; record steps within [0, steps]; divergenceFactor
 * > 1; schedule and onProgress functions when given.
 */
export function validateRequest(request: TrainingRequest): void {
  if (request === null || typeof request !== "object") {
    throw new Error(`TrainingRequest is ${describeValue(request)}; expected { architecture, runs, batchSize, steps, … }`);
  }
  const { architecture, runs, batchSize, steps } = request;
  const plan = compileArchitecture(architecture);
  if (!Array.isArray(runs) || runs.length === 0) {
    throw new Error(`TrainingRequest.runs is ${Array.isArray(runs) ? "empty" : describeValue(runs)}; expected at least one run`);
  }
  runs.forEach((run, i) => {
    const at = `TrainingRequest.runs[${i}]`;
    if (run === null || typeof run !== "object") {
      throw new Error(`${at} is ${describeValue(run)}; expected a RunSpec { seed, data, weightDecay, learningRate }`);
    }
    validateDataset(run.data, `${at}.data`);
  });
  const n = runs[0]!.data.count;
  runs.forEach((run, i) => {
    const at = `TrainingRequest.runs[${i}]`;
    if (!Number.isSafeInteger(run.seed)) throw new Error(`${at}.seed = ${run.seed}; expected an integer`);
    if (run.data.dim !== plan.inputSize) {
      throw new Error(`${at}.data.dim = ${run.data.dim}; expected the architecture's input size = ${plan.inputSize} (inputDim of an MLP; positions × channels of a CNN)`);
    }
    const out = architecture.outputDim;
    if (!(out === run.data.classes || (out === 1 && run.data.classes === 2))) {
      throw new Error(
        `${at}.data.classes = ${run.data.classes} does not fit architecture.outputDim = ${out}; expected outputDim = classes (one-hot) or 1 with 2 classes (±1)`,
      );
    }
    if (run.data.count !== n) {
      throw new Error(`${at}.data.count = ${run.data.count}; expected ${n}, the size of runs[0] (runs are trained together)`);
    }
    if (!(Number.isFinite(run.weightDecay) && run.weightDecay >= 0)) {
      throw new Error(`${at}.weightDecay = ${run.weightDecay}; expected a finite λ ≥ 0`);
    }
    if (!(Number.isFinite(run.learningRate) && run.learningRate > 0)) {
      throw new Error(`${at}.learningRate = ${run.learningRate}; expected a finite η > 0`);
    }
  });
  if (batchSize !== "full" && !(Number.isSafeInteger(batchSize) && batchSize >= 1 && batchSize <= n)) {
    throw new Error(`TrainingRequest.batchSize = ${describeValue(batchSize)}; expected "full" or an integer B with 1 ≤ B ≤ N = ${n}`);
  }
  if (!(Number.isSafeInteger(steps) && steps >= 1)) {
    throw new Error(`TrainingRequest.steps = ${describeValue(steps)}; expected an integer ≥ 1`);
  }
  if (request.recordAt !== undefined && !Array.isArray(request.recordAt)) {
    throw new Error(`TrainingRequest.recordAt is ${describeValue(request.recordAt)}; expected an array of steps in [0, steps = ${steps}]`);
  }
  for (const t of request.recordAt ?? []) {
    if (!(Number.isSafeInteger(t) && t >= 0 && t <= steps)) {
      throw new Error(`TrainingRequest.recordAt contains ${t}; expected integers in [0, steps = ${steps}]`);
    }
  }
  const factor = request.divergenceFactor;
  if (factor !== undefined && !(typeof factor === "number" && factor > 1)) {
    throw new Error(`TrainingRequest.divergenceFactor = ${describeValue(factor)}; expected a number > 1`);
  }
  for (const name of ["schedule", "onProgress"] as const) {
    const f = request[name];
    if (f !== undefined && typeof f !== "function") {
      throw new Error(`TrainingRequest.${name} is ${describeValue(f)}; expected a function${name === "schedule" ? " (step, totalSteps) => multiplier" : ""}`);
    }
  }
}
