import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { gaussianMixture } from "../../../src/data/gaussianMixture.ts";
import {
  measureNormalizationPoint,
  normalizationArchitecture,
  normalizationRecordSteps,
  normalizationRunSeeds,
  outputDimOf,
  runNormalizationExperiment,
  summariseWindow,
  type NormalizationConfig,
  type NormalizationPoint,
} from "../../../src/families/normalization/normalizationExperiment.ts";
import { FLOAT64, expectClose } from "../../tolerances.ts";

const tiny: NormalizationConfig = {
  view: "binary",
  classes: 2,
  dim: 5,
  perClass: 4,
  separation: 2,
  noise: 1,
  hidden: [6, 6],
  learningRate: 0.02,
  warmupSteps: 5,
  weightDecays: [0.01, 0.02],
  batchSize: 4,
  steps: 40,
  window: 20,
  windowEvery: 5,
  trajectoryEvery: 10,
  seed: 42,
  seeds: 2,
};

describe("runNormalizationExperiment", () => {
  it("trains λ = 0, every λ of the grid and the frozen arm seed by seed, snapshots sparse then dense", async () => {
    const result = await runNormalizationExperiment(tiny);
    expect(normalizationArchitecture(tiny)).toMatchObject({ inputDim: 5, outputDim: 1, normalization: "weight" });
    expect(normalizationRecordSteps(tiny)).toEqual([0, 10, 20, 25, 30, 35, 40]);
    expect(result.grid).toHaveLength(2);
    const arms = [result.noWd, ...result.grid, result.frozen];
    for (const arm of arms) {
      expect(arm.map((r) => r.seed)).toEqual(normalizationRunSeeds(tiny));
      for (const r of arm) {
        expect(r.trajectory.map((p) => p.step)).toEqual([0, 10, 20, 25, 30, 35, 40]);
        expect(r.window.snapshots).toBe(5);
        expect(r.trajectory[0]!.layerScales).toHaveLength(3);
      }
    }
    expect(result.grid.map((arm) => arm[0]!.weightDecay)).toEqual([0.01, 0.02]);
    expect(result.noWd[0]!.weightDecay).toBe(0);
    // Same seed: same data and initialisation in every arm.
    expect(result.grid[1]![0]!.trajectory[0]!.rho).toBe(result.noWd[0]!.trajectory[0]!.rho);
    // Frozen arm: only the last layer's scale moves.
    const frozen = result.frozen[0]!.trajectory;
    expect(frozen.at(-1)!.layerScales.slice(0, 2)).toEqual(frozen[0]!.layerScales.slice(0, 2));
    expect(frozen.at(-1)!.layerScales[2]).not.toBe(frozen[0]!.layerScales[2]);
  });

  it("trains the λ = 0 arm noWdSteps steps on its own: same first steps, window at its own end, grid unchanged", async () => {
    const short = { ...tiny, steps: 20, window: 10 };
    const base = await runNormalizationExperiment(short, { frozenTrainer: null });
    const longer = await runNormalizationExperiment({ ...short, noWdSteps: 60 }, { frozenTrainer: null });
    expect(longer.grid).toEqual(base.grid);
    longer.noWd.forEach((r, i) => {
      expect(r.trajectory.at(-1)!.step).toBe(60);
      // Same seeds and schedule: the λ = 0 run of 60 steps passes through the 20-step run's snapshots.
      const shared = base.noWd[i]!.trajectory.filter((p) => r.trajectory.some((q) => q.step === p.step));
      expect(shared.map((p) => p.step)).toEqual([0, 10, 20]);
      for (const p of shared) expect(r.trajectory.find((q) => q.step === p.step)).toEqual(p);
    });
    await expect(runNormalizationExperiment({ ...short, noWdSteps: 5 }, { frozenTrainer: null })).rejects.toThrow(
      /NormalizationConfig\.noWdSteps = 5; expected an integer ≥ window = 10/,
    );
  });

  it("skips the frozen arm on request and rejects a bad grid or view", async () => {
    const result = await runNormalizationExperiment({ ...tiny, steps: 10, window: 5, weightDecays: [0.01] }, { frozenTrainer: null });
    expect(result.frozen).toHaveLength(0);
    await expect(runNormalizationExperiment({ ...tiny, weightDecays: [0.02, 0.01] })).rejects.toThrow(/strictly ascending/);
    expect(() => outputDimOf({ view: "binary", classes: 3 })).toThrow(/view "binary" with classes = 3; expected 2/);
    expect(outputDimOf({ view: "one-hot", classes: 3 })).toBe(3);
    expect(() => normalizationRecordSteps({ ...tiny, window: 50 })).toThrow(/window = 50; expected windowEvery \(5\) ≤ window ≤ steps \(40\)/);
  });
});

describe("measureNormalizationPoint", () => {
  it("splits W into g_k and V_k and evaluates the equilibria on a hand-built network", () => {
    // Two layers W_1 = 2·V_1, W_2 = 3·V_2 (ρ = 6), one output, ±1 targets.
    const data = gaussianMixture({ classes: 2, dim: 2, perClass: 3, separation: 2, noise: 0.5, seed: 3 }).train;
    const v1 = new Matrix([[0.6, 0], [0, 0.8]]);
    const v2 = new Matrix([[0.6, -0.8]]);
    const architecture = { inputDim: 2, hidden: [2], outputDim: 1, normalization: "weight" as const };
    const weights = [Float32Array.from(v1.clone().mul(2).to1DArray()), Float32Array.from(v2.clone().mul(3).to1DArray())];
    const p = measureNormalizationPoint(7, 0.5, weights, { data, weightDecay: 0.01 }, architecture);
    expect(p.step).toBe(7);
    expectClose(p.rho, 6, { rel: 1e-7, abs: 0 }, "ρ");
    p.layerScales.forEach((g, k) => expectClose(g, [2, 3][k]!, { rel: 1e-7, abs: 0 }, `g_${k + 1}`));
    expectClose(p.imbalance, Math.abs(4 / 6 - 1) > Math.abs(9 / 6 - 1) ? Math.abs(4 / 6 - 1) : Math.abs(9 / 6 - 1), { rel: 1e-6, abs: 0 }, "imbalance");
    expectClose(p.meanMargin, p.rho * p.alignment, FLOAT64, "mean margin = ρ a");
    expectClose(p.rhoLeastSquares, p.alignment / p.outputEnergy, FLOAT64, "a/b");
    expectClose(p.fitDeficit, p.rho * (p.alignment - p.rho * p.outputEnergy), FLOAT64, "fit deficit");
    expectClose(p.decayTerm, 0.01 * 2 / (1 / 4 + 1 / 9), { rel: 1e-6, abs: 0 }, "λ·HM(g²)");
  });

  it("reports NaN equilibria for a dead network (every output 0) instead of throwing", () => {
    const data = gaussianMixture({ classes: 2, dim: 2, perClass: 2, separation: 1, noise: 0.1, seed: 1 }).train;
    const positive = { ...data, inputs: data.inputs.map((x) => Math.abs(x) + 0.1) };
    const architecture = { inputDim: 2, hidden: [1], outputDim: 1, normalization: "weight" as const };
    // W_1 = [−1, −1] on positive inputs: every ReLU is 0, so f_V = 0 and b = 0.
    const dead = measureNormalizationPoint(0, 1, [new Float32Array([-1, -1]), new Float32Array([1])], { data: positive, weightDecay: 0.1 }, architecture);
    expect(dead.outputEnergy).toBe(0);
    expect(dead.rhoPerLayer).toBeNaN();
    expect(dead.rhoSingleScale).toBeNaN();
    expect(dead.rhoLeastSquares).toBeNaN();
    expect(dead.marginSpread).toBeNaN();
  });
});

describe("summariseWindow", () => {
  const point = (step: number, rho: number, over: Partial<NormalizationPoint> = {}): NormalizationPoint => ({
    step,
    loss: 0.01,
    accuracy: 1,
    rho,
    layerScales: [1, 1],
    alignment: 0.5,
    outputEnergy: 0.25,
    rhoPerLayer: 2,
    rhoSingleScale: 1.8,
    rhoLeastSquares: 2,
    meanMargin: 0.95,
    marginSpread: 0.1,
    imbalance: 0,
    fitDeficit: 0.1,
    decayTerm: 0.1,
    ...over,
  });

  it("averages over the points from the window start and measures growth between its first and last tenth", () => {
    const points = [point(0, 100), ...Array.from({ length: 20 }, (_, i) => point(100 + i, 2 + 0.01 * i))];
    const w = summariseWindow(points, 100);
    expect(w.snapshots).toBe(20);
    expectClose(w.rho, 2 + 0.01 * 9.5, FLOAT64, "mean ρ");
    expectClose(w.relErrorPerLayer, Math.abs(w.rho - 2) / 2, FLOAT64, "per-layer error");
    expectClose(w.relErrorSingleScale, Math.abs(w.rho - 1.8) / 1.8, FLOAT64, "single-scale error");
    expectClose(w.rhoGrowth, (2 + 0.01 * 18.5 - (2 + 0.01 * 0.5)) / w.rho, FLOAT64, "growth over tenths of 2 points");
    expectClose(w.gap, 0.05, FLOAT64, "gap");
    expectClose(w.deficitRatio, 1, FLOAT64, "deficit ratio");
    expect(w.rhoMax).toBeCloseTo(2.19, 12);
  });

  it("is all NaN with fewer than two points in the window", () => {
    const w = summariseWindow([point(0, 1)], 10);
    expect(w.snapshots).toBe(0);
    expect(w.rho).toBeNaN();
    expect(w.gap).toBeNaN();
  });
});
