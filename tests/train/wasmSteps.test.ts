/**
 * Whole steps in wasm (`src/train/wasmSteps.ts`) against the same steps as TF.js ops: every
 * snapshot's loss and weights, status and reason equal bit for bit, over the configurations the
 * claims train (WN and plain MLPs — one with odd layer sizes —, S = 1 and batched, minibatch sizes with and without a remainder,
 * full batch, schedules, CNNs whose patches tile the input and overlapping ones, trainOnlyLastLayer,
 * a diverging run).
 */
import { describe, expect, it } from "vitest";
import { initBackend } from "../../src/backend.ts";
import { gaussianMixture } from "../../src/data/gaussianMixture.ts";
import type { Architecture } from "../../src/nets/architecture.ts";
import { stepDecay, warmup } from "../../src/train/schedule.ts";
import { sgdTrainer } from "../../src/train/sgdTrainer.ts";
import type { TrainedRun, TrainingRequest } from "../../src/train/types.ts";
import * as tf from "@tensorflow/tfjs";
import { FMA_ENGINE_TOLERANCE, fusedMultiplyAddAvailable } from "../../src/train/engine.ts";

function data(seed: number, dim = 8, classes = 3, perClass = 10) {
  return gaussianMixture({ classes, dim, perClass, separation: 2, noise: 1, seed }).train;
}

function bits(runs: TrainedRun[]): string[] {
  return runs.map((r) =>
    JSON.stringify({
      status: r.status,
      reason: r.reason,
      snapshots: r.snapshots.map((s) => ({ step: s.step, loss: Array.from(new Uint32Array(Float32Array.of(s.loss).buffer)), w: s.weights.map((w) => Array.from(new Uint32Array(Float32Array.from(w).buffer))) })),
    }),
  );
}

const mlp = (hidden: number[], normalization: "none" | "weight"): Architecture => ({ inputDim: 8, hidden, outputDim: 3, normalization });
const conv = (kernel: number, stride: number, normalization: "none" | "weight"): Architecture => ({
  kind: "conv",
  inputShape: [8],
  inputChannels: 1,
  conv: [{ kernel, stride, channels: 4 }, { kernel: 2, stride: 1, channels: 3 }],
  outputDim: 3,
  normalization,
});

const cases: Array<[string, TrainingRequest, boolean?]> = [
  ["WN MLP, 5 runs, B = 4, warm-up", { architecture: mlp([16, 12], "weight"), runs: [0, 1, 2, 3, 4].map((i) => ({ seed: i, data: data(i), weightDecay: i < 2 ? 5e-3 : 0, learningRate: 0.05 })), batchSize: 4, steps: 25, schedule: warmup(10, 0.1), recordAt: [7, 13] }],
  ["WN MLP with odd layer sizes (element remainders of the weight-normalisation step and its fused W = gV), 3 runs", { architecture: mlp([5, 7], "weight"), runs: [0, 1, 2].map((i) => ({ seed: 20 + i, data: data(i), weightDecay: 1e-3, learningRate: 0.05 })), batchSize: 4, steps: 15 }],
  ["plain MLP, 1 run, B = 7 (remainder), step decay", { architecture: mlp([10], "none"), runs: [{ seed: 3, data: data(3), weightDecay: 1e-3, learningRate: 0.1 }], batchSize: 7, steps: 20, schedule: stepDecay([0.5], 0.5) }],
  ["plain MLP, 3 runs, full batch", { architecture: mlp([9, 9, 5], "none"), runs: [0, 1, 2].map((i) => ({ seed: 10 + i, data: data(i), weightDecay: 1e-2, learningRate: 0.05 + 0.01 * i })), batchSize: "full", steps: 15 }],
  ["WN MLP, last layer only", { architecture: mlp([12], "weight"), runs: [0, 1].map((i) => ({ seed: i, data: data(i), weightDecay: 1e-3, learningRate: 0.05 })), batchSize: 5, steps: 15 }, true],
  ["CNN, patches tile the input (kernel = stride), 3 runs", { architecture: conv(2, 2, "none"), runs: [0, 1, 2].map((i) => ({ seed: i, data: data(i), weightDecay: 1e-3, learningRate: 0.05 })), batchSize: 6, steps: 15 }],
  ["CNN, overlapping patches, WN, 2 runs", { architecture: conv(3, 1, "weight"), runs: [0, 1].map((i) => ({ seed: i, data: data(i), weightDecay: 1e-3, learningRate: 0.05 })), batchSize: 6, steps: 15 }],
  ["diverging plain MLP", { architecture: mlp([16], "none"), runs: [0, 1].map((i) => ({ seed: i, data: data(i), weightDecay: 0, learningRate: i === 0 ? 5 : 0.05 })), batchSize: 8, steps: 30, recordAt: [5, 10, 20] }],
];

describe("whole steps in wasm, engine wasm-exact, equal the TF.js ops bit for bit", async () => {
  await initBackend();
  it.skipIf(tf.getBackend() !== "wasm").each(cases)("%s", async (_, request, onlyLast) => {
    const fused = await sgdTrainer({ trainOnlyLastLayer: onlyLast === true, engine: "wasm-exact" }).train(request);
    const ops = await sgdTrainer({ trainOnlyLastLayer: onlyLast === true, wasmSteps: false }).train(request);
    expect(bits(fused)).toEqual(bits(ops));
  });
});

/** The largest |a − b| / max(1, |b|) over every snapshot's weights and loss of runs that both trained. */
function largestDeviation(a: TrainedRun[], b: TrainedRun[]): { weights: number; loss: number } {
  let weights = 0;
  let loss = 0;
  a.forEach((run, s) => {
    const other = b[s]!;
    run.snapshots.forEach((snap, i) => {
      const ref = other.snapshots[i];
      if (ref === undefined || ref.step !== snap.step || !Number.isFinite(ref.loss)) return;
      loss = Math.max(loss, Math.abs(snap.loss - ref.loss) / Math.max(1, Math.abs(ref.loss)));
      snap.weights.forEach((w, k) => w.forEach((x, e) => (weights = Math.max(weights, Math.abs(x - ref.weights[k]![e]!) / Math.max(1, Math.abs(ref.weights[k]![e]!))))));
    });
  });
  return { weights, loss };
}

describe("engine wasm-fma (fused multiply-adds in the products)", async () => {
  await initBackend();
  const skip = tf.getBackend() !== "wasm" || !fusedMultiplyAddAvailable();
  it.skipIf(skip).each(cases)("%s: deterministic, and within float32 rounding of the TF.js ops", async (_, request, onlyLast) => {
    const fma = await sgdTrainer({ trainOnlyLastLayer: onlyLast === true, engine: "wasm-fma" }).train(request);
    const again = await sgdTrainer({ trainOnlyLastLayer: onlyLast === true, engine: "wasm-fma" }).train(request);
    expect(bits(again)).toEqual(bits(fma));
    const ops = await sgdTrainer({ trainOnlyLastLayer: onlyLast === true, wasmSteps: false }).train(request);
    expect(fma.map((r) => r.status)).toEqual(ops.map((r) => r.status));
    const deviation = largestDeviation(fma, ops);
    expect(deviation.weights).toBeLessThan(FMA_ENGINE_TOLERANCE.trained);
    expect(deviation.loss).toBeLessThan(FMA_ENGINE_TOLERANCE.trained);
    // not bit for bit: the fused products round differently (else this engine would be pointless)
    expect(bits(fma)).not.toEqual(bits(ops));
  });
  it.skipIf(skip).each(cases)("%s, one step: within the products' rounding of the TF.js ops", async (_, request, onlyLast) => {
    const oneStep: TrainingRequest = { ...request, steps: 1, recordAt: [] };
    const fma = await sgdTrainer({ trainOnlyLastLayer: onlyLast === true, engine: "wasm-fma" }).train(oneStep);
    const ops = await sgdTrainer({ trainOnlyLastLayer: onlyLast === true, wasmSteps: false }).train(oneStep);
    const deviation = largestDeviation(fma, ops);
    expect(deviation.weights).toBeLessThan(FMA_ENGINE_TOLERANCE.oneStep);
    expect(deviation.loss).toBeLessThan(FMA_ENGINE_TOLERANCE.oneStep);
  });
});
