/**
 * The canonical run of the sgd-noise family, baselined in `fixtures/baselines/sgd-noise.json`
 * (`specs/regression.spec.ts`; record with `npm run baselines:update -- sgd-noise`).
 */
import type { Quantities } from "../../baselines/baseline.ts";
import type { CanonicalRun } from "../../baselines/canonicalRun.ts";
import { sgdTrainer } from "../../train/sgdTrainer.ts";
import { runSgdNoiseExperiment, type SgdNoiseConfig } from "./sgdNoiseExperiment.ts";
import { CANONICAL_SWEEP_DATA } from "../../harness/trainSweep.ts";

const S_CONFIG: SgdNoiseConfig = {
  ...CANONICAL_SWEEP_DATA,
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
