import { describe, expect, it } from "vitest";
import {
  collapseArchitecture,
  runNeuralCollapseExperiment,
  runSeeds,
  type NeuralCollapseConfig,
} from "../../../src/families/neural-collapse/neuralCollapseExperiment.ts";

const tiny: NeuralCollapseConfig = {
  classes: 3,
  dim: 5,
  perClass: 4,
  separation: 2,
  noise: 1,
  hidden: [6, 6],
  learningRate: 0.02,
  warmupSteps: 5,
  weightDecay: 0.01,
  batchSize: 4,
  steps: 30,
  snapshots: 4,
  seed: 42,
  seeds: 2,
};

describe("runNeuralCollapseExperiment", () => {
  it("trains the three arms seed by seed and measures every snapshot", async () => {
    const result = await runNeuralCollapseExperiment(tiny);
    expect(collapseArchitecture(tiny)).toMatchObject({ inputDim: 5, outputDim: 3, normalization: "weight" });
    for (const arm of ["wd", "noWd", "frozen"] as const) {
      const runs = result.arms[arm];
      expect(runs.map((r) => r.seed)).toEqual(runSeeds(tiny));
      for (const r of runs) {
        expect(r.trajectory.map((p) => p.step)).toEqual([0, 10, 20, 30]);
        expect(r.layerNc1).toHaveLength(3); // input, h1, h2
        expect(r.layerNorms).toHaveLength(3);
      }
    }
    // Same seed, same data and initialisation: the arms start from the same point.
    expect(result.arms.wd[0]!.trajectory[0]).toEqual(result.arms.noWd[0]!.trajectory[0]);
    // Frozen features: the penultimate features never change, so NC1 and the ETF distance are constant.
    const frozen = result.arms.frozen[0]!.trajectory;
    for (const p of frozen) {
      expect(p.nc1).toBe(frozen[0]!.nc1);
      expect(p.etfDistance).toBe(frozen[0]!.etfDistance);
    }
    expect(frozen.at(-1)!.loss).not.toBe(frozen[0]!.loss);
  });

  it("runs only the arms asked for", async () => {
    const result = await runNeuralCollapseExperiment({ ...tiny, steps: 5, snapshots: 2 }, { arms: ["noWd"] });
    expect(result.arms.wd).toHaveLength(0);
    expect(result.arms.frozen).toHaveLength(0);
    expect(result.arms.noWd).toHaveLength(2);
  });
});
