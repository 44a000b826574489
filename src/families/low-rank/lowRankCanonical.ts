/**
 * The canonical run of the low-rank family, baselined in `fixtures/baselines/low-rank.json`
 * (`specs/regression.spec.ts`; record with `npm run baselines:update -- low-rank`).
 */
import type { Quantities } from "../../baselines/baseline.ts";
import type { CanonicalRun } from "../../baselines/canonicalRun.ts";
import { CANONICAL_SWEEP_DATA } from "../../harness/trainSweep.ts";
import { sgdTrainer } from "../../train/sgdTrainer.ts";
import { runLowRankExperiment, type LowRankConfig } from "./lowRankExperiment.ts";

/** Data and network shared by the low-rank and SGD-noise canonical runs (`CANONICAL_SWEEP_DATA`, `src/harness/trainSweep.ts`). */
export const RANK_NOISE_CANONICAL_DATA = CANONICAL_SWEEP_DATA;

const R_CONFIG: LowRankConfig = {
  ...RANK_NOISE_CANONICAL_DATA,
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
