/**
 * The canonical run of the neural-collapse family, baselined in `fixtures/baselines/neural-collapse.json`
 * (`specs/regression.spec.ts`; record with `npm run baselines:update -- neural-collapse`).
 */
import type { Quantities } from "../../baselines/baseline.ts";
import type { CanonicalRun } from "../../baselines/canonicalRun.ts";
import { sgdTrainer } from "../../train/sgdTrainer.ts";
import { runNeuralCollapseExperiment, type CollapseRun } from "./neuralCollapseExperiment.ts";

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
