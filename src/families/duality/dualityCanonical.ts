/**
 * The canonical run of the duality family, baselined in `fixtures/baselines/duality.json`
 * (`specs/regression.spec.ts`; record with `npm run baselines:update -- duality`).
 */
import type { Quantities } from "../../baselines/baseline.ts";
import type { CanonicalRun } from "../../baselines/canonicalRun.ts";
import { sgdTrainer } from "../../train/sgdTrainer.ts";
import { runStationaryExperiment, type StationaryConfig } from "./dualityStationary.ts";

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
