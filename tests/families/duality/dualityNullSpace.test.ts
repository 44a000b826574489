import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { gaussianMixture } from "../../../src/data/gaussianMixture.ts";
import {
  measureNullSpaceRun,
  nullSpaceArchitecture,
  runNullSpaceExperiment,
  type NullSpaceConfig,
} from "../../../src/families/duality/dualityNullSpace.ts";
import { checkNullSpaceDecay } from "../../../src/families/duality/dualityPredictions.ts";
import type { TrainedRun } from "../../../src/train/types.ts";
import { FLOAT64, expectClose } from "../../tolerances.ts";

const tiny: NullSpaceConfig = {
  view: "one-hot",
  classes: 3,
  dim: 9,
  perClass: 2,
  separation: 2,
  noise: 1,
  hidden: [5],
  runs: [
    { weightDecay: 0.05, learningRate: 0.05 },
    { weightDecay: 0.01, learningRate: 0.02 },
  ],
  batchSize: 2,
  steps: 30,
  seed: 9,
};

describe("runNullSpaceExperiment", () => {
  it("trains each run and its λ = 0 twin by GD and SGD, recording every step; the identity holds on the real runs", async () => {
    const result = await runNullSpaceExperiment(tiny);
    expect(nullSpaceArchitecture(tiny)).toMatchObject({ inputDim: 9, outputDim: 3, normalization: "none" });
    for (const optimiser of ["gd", "sgd"] as const) {
      const { decayed, twins } = result[optimiser];
      expect(decayed.map((r) => r.weightDecay)).toEqual([0.05, 0.01]);
      expect(twins.map((r) => r.weightDecay)).toEqual([0, 0]);
      expect(decayed.map((r) => r.seed)).toEqual(twins.map((r) => r.seed));
      expect(decayed.map((r) => r.batchSize)).toEqual(optimiser === "gd" ? [6, 6] : [2, 2]);
      for (const r of [...decayed, ...twins]) {
        expect(r.curve.steps).toEqual(Array.from({ length: 31 }, (_, t) => t));
        expect(r.curve.spanRank).toBe(6);
        expect(checkNullSpaceDecay(r).holds).toBe(true);
      }
    }
  });

  it("requires N < d and 1 ≤ B < N", async () => {
    await expect(runNullSpaceExperiment({ ...tiny, dim: 6 })).rejects.toThrow(/N = 6 samples in d = 6; expected N < d/);
    await expect(runNullSpaceExperiment({ ...tiny, batchSize: 6 })).rejects.toThrow(/batchSize = 6; expected 1 ≤ B < N = 6/);
  });
});

describe("measureNullSpaceRun", () => {
  it("measures ‖W⊥‖ against span{x_n} on hand-built snapshots", () => {
    // Inputs span {e_1, e_2} in ℝ^3; W_1 = [[1, 2, c_t]]: W⊥ = [[0, 0, c_t]].
    const data = { ...gaussianMixture({ classes: 2, dim: 3, perClass: 1, separation: 1, noise: 0, seed: 1 }).train };
    const inputs = Float32Array.from([1, 0, 0, 0, 1, 0]);
    const architecture = { inputDim: 3, hidden: [1], outputDim: 2, normalization: "none" as const };
    const snapshot = (step: number, c: number) => ({ step, loss: 1, weights: [Float32Array.from([1, 2, c]), Float32Array.from([1, 1])] });
    const run: TrainedRun = {
      spec: { seed: 1, data: { ...data, inputs }, weightDecay: 0.1, learningRate: 0.5 },
      status: "ok",
      snapshots: [snapshot(0, 4), snapshot(1, 3.6), snapshot(2, 3.24)],
    };
    const measured = measureNullSpaceRun(run, architecture, 2);
    expect(measured.curve.spanRank).toBe(2);
    expect(measured.curve.initialOrthogonalNorm).toBeCloseTo(4, 12);
    measured.curve.ratio.forEach((r, t) => expectClose(r, [1, 0.9, 0.81][t]!, { rel: 1e-7, abs: 0 }, `ratio at ${t}`));
    expectClose(measured.curve.stepNorm[0]!, 0.4, { rel: 1e-6, abs: 0 }, "‖ΔW_0‖");
    expect(measured.curve.stepNorm[2]).toBe(0);
    expectClose(measured.curve.firstLayerNorm[0]!, new Matrix([[1, 2, 4]]).norm(), FLOAT64, "‖W_0‖");
    // (1 − 2ηλ) = 0.9: the hand-built curve is exactly the prediction.
    expect(checkNullSpaceDecay(measured).holds).toBe(true);
  });
});
