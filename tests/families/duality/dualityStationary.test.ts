import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { gaussianMixture } from "../../../src/data/gaussianMixture.ts";
import { residualBoundViolations } from "../../../src/families/duality/dualityPredictions.ts";
import {
  measureDualityPoint,
  runStationaryExperiment,
  stationaryArchitecture,
  type StationaryConfig,
} from "../../../src/families/duality/dualityStationary.ts";
import { spanBasis } from "../../../src/linalg/index.ts";
import { inputMatrix } from "../../../src/nets/weightMatrices.ts";
import { createRng } from "../../../src/random/rng.ts";

const tiny: StationaryConfig = {
  view: "binary",
  classes: 2,
  dim: 10,
  perClass: 3,
  separation: 2,
  noise: 1,
  hidden: [8, 8],
  learningRate: 0.05,
  weightDecay: 0.04,
  steps: 40,
  snapshots: 3,
  seed: 4,
  seeds: 2,
};

describe("runStationaryExperiment", () => {
  it("trains the λ > 0 and λ = 0 arms seed by seed by full-batch GD and measures every layer", async () => {
    const result = await runStationaryExperiment(tiny);
    expect(stationaryArchitecture(tiny)).toMatchObject({ inputDim: 10, outputDim: 1, normalization: "none" });
    expect(result.wd.map((r) => r.seed)).toEqual(result.noWd.map((r) => r.seed));
    for (const r of result.wd) {
      expect(r.trajectory.map((p) => p.step)).toEqual([0, 20, 40]);
      for (const p of r.trajectory) {
        expect(p.residual).toHaveLength(3);
        expect(p.spanRank[0]).toBe(6); // N = 6 generic inputs in ℝ^10
        p.spanRank.forEach((r) => expect(r).toBeLessThanOrEqual(6)); // hidden activations: ≤ N (dead units lower it)
        expect(p.inputSize).toEqual([10, 8, 8]);
        expect(residualBoundViolations(p)).toEqual([]);
      }
    }
    for (const r of result.noWd) for (const p of r.trajectory) p.stationarity.forEach((s) => expect(s).toBeNaN());
    // Same initialisation: the residuals at step 0 agree between the arms.
    expect(result.wd[0]!.trajectory[0]!.residual).toEqual(result.noWd[0]!.trajectory[0]!.residual);
  });

  it("requires every span to be a proper subspace and λ > 0", async () => {
    await expect(runStationaryExperiment({ ...tiny, hidden: [6, 8] })).rejects.toThrow(/N = 6 samples but the narrowest layer input has 6 dimensions/);
    await expect(runStationaryExperiment({ ...tiny, weightDecay: 0 })).rejects.toThrow(/weightDecay = 0; expected λ > 0/);
  });
});

describe("measureDualityPoint", () => {
  it("gives residual 0 for a first layer built inside span{x_n} and ≈ 1 for one built outside it", () => {
    const data = gaussianMixture({ classes: 2, dim: 6, perClass: 2, separation: 2, noise: 1, seed: 8 }).train;
    const architecture = { inputDim: 6, hidden: [3], outputDim: 1, normalization: "none" as const };
    const q = spanBasis(inputMatrix(data)); // [6, 4]
    const rng = createRng(2);
    const coefficients = Matrix.from1DArray(3, 4, Array.from({ length: 12 }, () => rng.normal()));
    const inside = coefficients.mmul(q.transpose()); // rows in the span
    const w2 = Float32Array.from([1, -1, 0.5]);
    const p = measureDualityPoint(0, 1, [Float32Array.from(inside.to1DArray()), w2], { data, weightDecay: 0.1 }, architecture);
    expect(p.spanRank[0]).toBe(4);
    expect(p.residual[0]).toBeLessThan(1e-6); // float32 storage of the weights
    // A row orthogonal to the span: e.g. the part of a random vector outside it.
    const v = Matrix.rowVector(Array.from({ length: 6 }, () => rng.normal()));
    const outside = v.clone().sub(v.mmul(q).mmul(q.transpose()));
    const w1 = Matrix.zeros(3, 6);
    for (let i = 0; i < 3; i++) w1.setRow(i, outside.getRow(0));
    const p2 = measureDualityPoint(0, 1, [Float32Array.from(w1.to1DArray()), w2], { data, weightDecay: 0.1 }, architecture);
    expect(p2.residual[0]).toBeGreaterThan(1 - 1e-6);
    expect(residualBoundViolations(p2)).toEqual([]);
  });
});
