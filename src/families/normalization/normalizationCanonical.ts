/**
 * The canonical run of the normalization family, baselined in `fixtures/baselines/normalization.json`
 * (`specs/regression.spec.ts`; record with `npm run baselines:update -- normalization`).
 */
import type { Quantities } from "../../baselines/baseline.ts";
import type { CanonicalRun } from "../../baselines/canonicalRun.ts";
import { sgdTrainer } from "../../train/sgdTrainer.ts";
import { runNormalizationExperiment, type NormalizationConfig } from "./normalizationExperiment.ts";

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
