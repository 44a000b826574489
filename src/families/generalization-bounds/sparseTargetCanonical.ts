/**
 * The canonical run of the generalization-bounds family, baselined in `fixtures/baselines/generalization-bounds.json`
 * (`specs/regression.spec.ts`; record with `npm run baselines:update -- generalization-bounds`).
 */
import type { Quantities } from "../../baselines/baseline.ts";
import type { CanonicalRun } from "../../baselines/canonicalRun.ts";
import { sgdTrainer } from "../../train/sgdTrainer.ts";
import { runSparseTargetExperiment, type SparseTargetConfig } from "./sparseTargetExperiment.ts";

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
