/**
 * The benchmark's reference workloads. Each trains with the suite's own trainer and counts work in
 * "run-steps" (one SGD step of one network), so that batched and sequential training compare.
 * `bench/torch_reference.py` implements the same workloads in PyTorch.
 */
import { Matrix } from "ml-matrix";
import { gaussianMixture } from "../data/gaussianMixture.ts";
import type { Dataset } from "../data/dataset.ts";
import { singularValues } from "../linalg/index.ts";
import { neuralCollapse } from "../metrics/index.ts";
import type { Architecture } from "../nets/architecture.ts";
import { createRng } from "../random/rng.ts";
import { warmup } from "../train/schedule.ts";
import { sgdTrainer } from "../train/sgdTrainer.ts";
import type { Trainer, TrainingRequest } from "../train/types.ts";

export interface Workload {
  /** Key shared with the PyTorch reference. */
  readonly key: string;
  readonly description: string;
  /** Work units per call of `run` (run-steps), for throughput. */
  readonly units: number;
  readonly unitName: string;
  run(): Promise<void>;
}

function randomDataset(count: number, dim: number, classes: number, seed: number): Dataset {
  const rng = createRng(seed);
  return {
    inputs: Float32Array.from({ length: count * dim }, () => rng.normal()),
    labels: Int32Array.from({ length: count }, (_, i) => i % classes),
    count,
    dim,
    classes,
  };
}

/** A training workload: `steps` SGD steps of every run, by `trainer` (default: the suite's `sgdTrainer`). */
export type TrainingWorkload = (steps?: number, trainer?: Trainer) => Workload & { readonly runs: number };

function trainingWorkload(key: string, description: string, request: TrainingRequest, trainer: Trainer = sgdTrainer()): Workload & { readonly runs: number } {
  return {
    key,
    description,
    runs: request.runs.length,
    units: request.runs.length * request.steps,
    unitName: "run-steps",
    async run() {
      await trainer.train(request);
    },
  };
}

/** (a) The NC claim's configuration: 10 runs (5 seeds × λ ∈ {5e-3, 0}) of a WN MLP 32-64-64-4, B = 16. */
export const claimMlpWorkload: TrainingWorkload = (steps = 500, trainer) => {
  const runs = Array.from({ length: 10 }, (_, i) => ({
    seed: i,
    data: gaussianMixture({ classes: 4, dim: 32, perClass: 25, separation: 2, noise: 3, seed: i % 5 }).train,
    weightDecay: i < 5 ? 5e-3 : 0,
    learningRate: 0.05,
  }));
  return trainingWorkload("claim-mlp", "NC claim MLP 32-64-64-4, WN, B = 16, 10 runs batched", {
    architecture: { inputDim: 32, hidden: [64, 64], outputDim: 4, normalization: "weight" },
    runs,
    batchSize: 16,
    steps,
    schedule: warmup(100, 0.05),
  }, trainer);
};

/** (b) The MLP 64-256-256-256-10, B = 32, 200 plain SGD steps, one run. */
export const wideMlpWorkload: TrainingWorkload = (steps = 200, trainer) => {
  return trainingWorkload("mlp-256", "MLP 64-256-256-256-10, plain SGD, B = 32, 1 run", {
    architecture: { inputDim: 64, hidden: [256, 256, 256], outputDim: 10, normalization: "none" },
    runs: [{ seed: 1, data: randomDataset(1024, 64, 10, 1), weightDecay: 5e-4, learningRate: 0.01 }],
    batchSize: 32,
    steps,
  }, trainer);
};

/** (c) The tree CNN of the G claims: input 32, kernel 2, stride 2, 8 channels, 10 runs batched, B = 16. */
export const treeCnnWorkload: TrainingWorkload = (steps = 300, trainer) => {
  const architecture: Architecture = {
    kind: "conv",
    inputShape: [32],
    inputChannels: 1,
    conv: Array.from({ length: 4 }, () => ({ kernel: 2, stride: 2, channels: 8 })),
    outputDim: 2,
    normalization: "none",
  };
  return trainingWorkload("tree-cnn", "tree CNN (32 → 16 → 8 → 4 → 2 positions, 8 channels), B = 16, 10 runs batched", {
    architecture,
    runs: Array.from({ length: 10 }, (_, i) => ({ seed: i, data: randomDataset(1000, 32, 2, 100 + i), weightDecay: 1e-3, learningRate: 0.05 })),
    batchSize: 16,
    steps,
  }, trainer);
};

/**
 * All NC metrics and the singular values of a 10 000 × 256 feature matrix (C = 10). By default
 * validated and copied once, the spectrum from the Gram matrix (`neuralCollapse` with
 * `featureSpectrum`, within `GRAM_SINGULAR_VALUE_TOLERANCE · σ₁`); `spectrum: "householder"` is
 * the previous evaluation, `neuralCollapse` then `singularValues` (Householder QR, then SVD).
 */
export function metricsWorkload(options: { spectrum?: "gram" | "householder" } = {}): Workload {
  const rng = createRng(5);
  const n = 10_000;
  const p = 256;
  const features = Matrix.from1DArray(n, p, Array.from({ length: n * p }, () => rng.normal()));
  const labels = Int32Array.from({ length: n }, (_, i) => i % 10);
  const classifier = Matrix.from1DArray(10, p, Array.from({ length: 10 * p }, () => rng.normal()));
  const householder = options.spectrum === "householder";
  return {
    key: householder ? "metrics-10k (Householder SVD)" : "metrics-10k",
    description: householder
      ? "NC1–NC4 + CDNV, then singularValues (Householder QR + SVD) on a 10 000 × 256 feature matrix"
      : "NC1–NC4 + CDNV + the feature spectrum (Gram eigenvalues) on a 10 000 × 256 feature matrix",
    units: 1,
    unitName: "evaluations",
    async run() {
      if (householder) {
        neuralCollapse(classifier, features, labels, 10);
        singularValues(features);
      } else {
        neuralCollapse(classifier, features, labels, 10, { featureSpectrum: true });
      }
    },
  };
}
