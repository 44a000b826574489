/**
 * The canonical runs of each claim family whose key measurements are baselined
 * (`fixtures/baselines/`). CI-sized: a few seconds each. Each takes the trainer, so a changed or
 * deliberately perturbed trainer can be compared with the baseline.
 */
import { runNeuralCollapseExperiment, type CollapseRun } from "../experiments/neuralCollapseExperiment.ts";
import { runSparseTargetExperiment, type SparseTargetConfig } from "../families/generalization-bounds/sparseTargetExperiment.ts";
import { runStationaryExperiment, type StationaryConfig } from "../families/duality/dualityStationary.ts";
import { runLowRankExperiment, type LowRankConfig } from "../experiments/lowRankExperiment.ts";
import { runSgdNoiseExperiment, type SgdNoiseConfig } from "../families/sgd-noise/sgdNoiseExperiment.ts";
import { runNormalizationExperiment, type NormalizationConfig } from "../families/normalization/normalizationExperiment.ts";
import { sgdTrainer } from "../train/sgdTrainer.ts";
import type { Trainer } from "../train/types.ts";
import type { Quantities } from "./baseline.ts";

export interface CanonicalRun {
  readonly family: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  measure(trainer?: Trainer): Promise<Quantities>;
}

const NC_CONFIG = {
  classes: 4,
  dim: 32,
  perClass: 25,
  separation: 2,
  noise: 3,
  hidden: [64, 64],
  learningRate: 0.05,
  warmupSteps: 300,
  weightDecay: 5e-3,
  batchSize: 16,
  steps: 2000,
  snapshots: 3,
  seed: 20230024,
  seeds: 4,
} as const;

function collect(into: Quantities, prefix: string, runs: readonly CollapseRun[]): void {
  const checkpoints = runs[0]!.trajectory.map((p) => p.step);
  checkpoints.forEach((step, c) => {
    for (const metric of ["loss", "nc1", "cdnv", "etfDistance", "nc3Uncentred", "nc4"] as const) {
      into[`${prefix}/step ${step}/${metric}`] = runs.map((r) => r.trajectory[c]![metric]);
    }
  });
  into[`${prefix}/final/rho`] = runs.map((r) => r.layerNorms.reduce((a, b) => a * b, 1));
}

/** Neural collapse: 4 seeds × (λ = 5e-3, λ = 0), WN MLP 32-64-64-4, 2 000 steps; checkpoints at 0, 1 000, 2 000. */
export const neuralCollapseCanonical: CanonicalRun = {
  family: "neural-collapse",
  description: "NC experiment, one configuration, 4 seeds × (λ = 5e-3, λ = 0), 2 000 SGD steps",
  parameters: NC_CONFIG,
  async measure(trainer = sgdTrainer()) {
    const result = await runNeuralCollapseExperiment(NC_CONFIG, { trainer, arms: ["wd", "noWd"] });
    const q: Quantities = {};
    collect(q, "wd", result.arms.wd);
    collect(q, "noWd", result.arms.noWd);
    return q;
  },
};

const G_CONFIG: SparseTargetConfig = {
  depth: 5,
  classes: 2,
  teacherWidth: 2,
  studentChannels: 8,
  testCount: 500,
  learningRate: 0.05,
  warmupSteps: 300,
  steps: 1500,
  batchSize: 16,
  gamma: 1,
  delta: 0.001,
  seed: 20230024,
};

/** Generalization bounds: tree CNN and dense student on the tree teacher, m = 500, 4 seeds, 1 500 steps. */
export const sparseTargetCanonical: CanonicalRun = {
  family: "generalization-bounds",
  description: "tree CNN and dense network on the tree-teacher target, m = 500, 4 seeds, 1 500 SGD steps",
  parameters: { ...G_CONFIG },
  async measure(trainer = sgdTrainer()) {
    const runs = await runSparseTargetExperiment(
      G_CONFIG,
      (["cnn", "mlp"] as const).map((student) => ({ student, teacher: "tree" as const, trainCount: 500, weightDecay: 1e-3, seeds: 4 })),
      trainer,
    );
    const q: Quantities = {};
    for (const student of ["cnn", "mlp"] as const) {
      const mine = runs.filter((r) => r.student === student);
      q[`${student}/loss`] = mine.map((r) => r.loss);
      q[`${student}/test error`] = mine.map((r) => r.testError);
      q[`${student}/train error`] = mine.map((r) => r.trainError);
      q[`${student}/rho`] = mine.map((r) => r.terms.rho);
      q[`${student}/sparse bound`] = mine.map((r) => r.terms.sparseBound);
      q[`${student}/dense bound`] = mine.map((r) => r.terms.denseBound);
    }
    return q;
  },
};

const N_CONFIG: NormalizationConfig = {
  view: "binary",
  classes: 2,
  dim: 32,
  perClass: 32,
  separation: 2,
  noise: 3,
  hidden: [32, 32],
  learningRate: 0.05,
  warmupSteps: 300,
  weightDecays: [0.02],
  batchSize: 16,
  steps: 1500,
  window: 300,
  windowEvery: 10,
  trajectoryEvery: 500,
  seed: 20230024,
  seeds: 4,
};

/** Normalisation and ρ: binary view, WN MLP 32-32-32-1, λ = 0.02 and λ = 0, 4 seeds, 1 500 steps. */
export const normalizationCanonical: CanonicalRun = {
  family: "normalization",
  description: "ρ dynamics, binary view, WN MLP 32-32-32-1, λ ∈ {0.02, 0}, 4 seeds, 1 500 SGD steps",
  parameters: { ...N_CONFIG },
  async measure(trainer = sgdTrainer()) {
    const result = await runNormalizationExperiment(N_CONFIG, { trainer, frozenTrainer: null });
    const q: Quantities = {};
    for (const [arm, runs] of [["wd", result.grid[0]!], ["noWd", result.noWd]] as const) {
      for (const key of ["rho", "rhoPerLayer", "rhoSingleScale", "gap", "spread", "rhoGrowth"] as const) {
        q[`${arm}/window/${key}`] = runs.map((r) => r.window[key]);
      }
      q[`${arm}/final/loss`] = runs.map((r) => r.trajectory.at(-1)!.loss);
      q[`${arm}/final/imbalance`] = runs.map((r) => r.trajectory.at(-1)!.imbalance);
    }
    return q;
  },
};

const D2_CONFIG: StationaryConfig = {
  view: "one-hot",
  classes: 3,
  dim: 40,
  perClass: 8,
  separation: 2,
  noise: 2,
  hidden: [32, 32],
  learningRate: 0.05,
  weightDecay: 0.04,
  steps: 1000,
  snapshots: 3,
  seed: 20230024,
  seeds: 4,
};

/** Duality: full-batch GD to near-stationarity, λ = 0.04 and λ = 0, 4 seeds, 1 000 steps. */
export const dualityCanonical: CanonicalRun = {
  family: "duality",
  description: "stationary duality, one-hot view, MLP 40-32-32-3, full-batch GD, λ ∈ {0.04, 0}, 4 seeds, 1 000 steps",
  parameters: { ...D2_CONFIG },
  async measure(trainer = sgdTrainer()) {
    const result = await runStationaryExperiment(D2_CONFIG, { trainer });
    const q: Quantities = {};
    for (const [arm, runs] of [["wd", result.wd], ["noWd", result.noWd]] as const) {
      const last = runs.map((r) => r.trajectory.at(-1)!);
      q[`${arm}/final/loss`] = last.map((p) => p.loss);
      q[`${arm}/final/means residual`] = last.map((p) => p.meansResidual);
      last[0]!.residual.forEach((_, k) => {
        q[`${arm}/final/residual layer ${k + 1}`] = last.map((p) => p.residual[k]!);
      });
    }
    return q;
  },
};

/** Data and network shared by the low-rank and SGD-noise canonical runs: MLP 16-24-24-3 on a 3-class mixture, N = 48. */
const RS_DATA = { classes: 3, dim: 16, perClass: 16, separation: 2, noise: 2, hidden: [24, 24] } as const;

const R_CONFIG: LowRankConfig = {
  ...RS_DATA,
  weightDecay: 0.02,
  learningRate: 0.05,
  batchSize: 8,
  weightDecays: [0.01, 0.04],
  // The λ = 0 arm runs once per learning rate of this list (here only the base η).
  learningRates: [0.05],
  batchSizes: [],
  steps: 1500,
  recordAt: [1500],
  seed: 20230024,
  seeds: 4,
};

/** Low-rank bias: plain MLP 16-24-24-3, B = 8, λ ∈ {0.01, 0.04} and λ = 0, 4 seeds, 1 500 steps. */
export const lowRankCanonical: CanonicalRun = {
  family: "low-rank",
  description: "numerical ranks of a plain MLP 16-24-24-3, B = 8, λ ∈ {0.01, 0.04, 0}, 4 seeds, 1 500 SGD steps",
  parameters: { ...R_CONFIG },
  async measure(trainer = sgdTrainer()) {
    const result = await runLowRankExperiment(R_CONFIG, { trainer, arms: ["lambda", "noWd"] });
    const q: Quantities = {};
    for (const [name, levels] of [["lambda", result.arms.lambda], ["noWd", result.arms.noWd]] as const) {
      for (const { level, runs } of levels) {
        const cell = name === "lambda" ? `λ ${level}` : `λ 0 (η ${level})`;
        q[`${cell}/total rank`] = runs.map((r) => r.totalRank);
        q[`${cell}/final loss`] = runs.map((r) => r.finalLoss);
        runs[0]!.final.forEach((_, k) => {
          q[`${cell}/stable rank layer ${k + 1}`] = runs.map((r) => r.final[k]!.stableRank);
        });
      }
    }
    return q;
  },
};

const S_CONFIG: SgdNoiseConfig = {
  ...RS_DATA,
  weightDecay: 0.05,
  learningRate: 0.02,
  batchSize: 8,
  weightDecays: [0.05],
  learningRates: [],
  batchSizes: [],
  steps: 1500,
  pairs: 4,
  seed: 20230024,
  seeds: 4,
};

/** SGD noise: per-step relative change late in training, SGD vs full-batch GD vs λ = 0, 4 seeds, 1 500 steps. */
export const sgdNoiseCanonical: CanonicalRun = {
  family: "sgd-noise",
  description: "late per-step weight and output changes, MLP 16-24-24-3, B = 8, SGD vs GD vs λ = 0, 4 seeds, 1 500 steps",
  parameters: { ...S_CONFIG },
  async measure(trainer = sgdTrainer()) {
    const result = await runSgdNoiseExperiment(S_CONFIG, { trainer, arms: ["lambda", "gd", "noWd"] });
    const q: Quantities = {};
    for (const arm of ["lambda", "gd", "noWd"] as const) {
      for (const { runs } of result.arms[arm]) {
        const cell = { lambda: "SGD, λ 0.05", gd: "full-batch GD, λ 0.05", noWd: "SGD, λ 0" }[arm];
        q[`${cell}/late weight floor`] = runs.map((r) => r.weightFloor.late?.floor ?? Number.NaN);
        q[`${cell}/late output floor`] = runs.map((r) => r.outputFloor.late?.floor ?? Number.NaN);
        q[`${cell}/final loss`] = runs.map((r) => r.finalLoss);
      }
    }
    return q;
  },
};

/** Every baselined family. */
export const CANONICAL_RUNS: readonly CanonicalRun[] = [
  neuralCollapseCanonical,
  normalizationCanonical,
  dualityCanonical,
  lowRankCanonical,
  sgdNoiseCanonical,
  sparseTargetCanonical,
];
