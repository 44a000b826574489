import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import {
  lowRankArchitecture,
  lowRankSeeds,
  measureLayers,
  runLowRankExperiment,
  type LowRankConfig,
} from "../../../src/families/low-rank/lowRankExperiment.ts";
import { dropWeightDecay } from "../../../src/train/dropWeightDecay.ts";
import { sgdTrainer } from "../../../src/train/sgdTrainer.ts";
import type { TrainingRequest } from "../../../src/train/types.ts";

const tiny: LowRankConfig = {
  classes: 3,
  dim: 4,
  perClass: 4,
  separation: 2,
  noise: 1,
  hidden: [5, 5],
  weightDecay: 0.02,
  learningRate: 0.05,
  batchSize: 4,
  weightDecays: [0.01, 0.02],
  learningRates: [0.05, 0.1],
  batchSizes: [2, 4],
  steps: 20,
  recordAt: [0, 10, 20],
  seed: 7,
  seeds: 2,
  normalized: { learningRate: 0.05, warmupSteps: 5, steps: 10 },
};

describe("runLowRankExperiment", () => {
  it("trains every arm seed by seed, one request per batch size, and measures ranks and spectra", async () => {
    const requests: TrainingRequest[] = [];
    const inner = sgdTrainer();
    const spy = { name: "spy", train: (r: TrainingRequest) => (requests.push(r), inner.train(r)) };
    const result = await runLowRankExperiment(tiny, { trainer: spy });
    expect(lowRankArchitecture(tiny)).toMatchObject({ inputDim: 4, outputDim: 3, normalization: "none" });
    expect(result.arms.lambda.map((l) => l.level)).toEqual([0.01, 0.02]);
    expect(result.arms.eta.map((l) => l.level)).toEqual([0.05, 0.1]);
    expect(result.arms.batch.map((l) => l.level)).toEqual([2, 4]);
    expect(result.arms.noWd.map((l) => l.runs[0]!.setting.weightDecay)).toEqual([0, 0]);
    expect(result.arms.normalized[0]!.runs[0]!.setting.normalization).toBe("weight");
    expect(result.arms.droppedWd.map((l) => l.level)).toEqual([0.01, 0.02]);
    // Requests: plain B = 4 (λ, η, λ = 0 and B = 4 together), plain B = 2, WN, then the mutant's (λ dropped to 0).
    expect(requests.map((r) => [r.architecture.normalization, r.batchSize, r.runs.length])).toEqual([
      ["none", 4, 2 * 5],
      ["none", 2, 2],
      ["weight", 4, 2],
      ["none", 4, 2 * 2],
    ]);
    expect(requests[3]!.runs.every((r) => r.weightDecay === 0)).toBe(true);
    expect(requests[2]!.steps).toBe(10);
    for (const level of result.arms.lambda) {
      expect(level.runs.map((r) => r.seed)).toEqual(lowRankSeeds(tiny));
      for (const r of level.runs) {
        expect(r.snapshots.map((s) => s.step)).toEqual([0, 10, 20]);
        expect(r.final.map((l) => l.shape)).toEqual([[5, 4], [5, 5], [3, 5]]);
        expect(r.totalFullRank).toBe(4 + 5 + 3);
        expect(r.totalRank).toBe(r.final.reduce((a, l) => a + l.numericalRank, 0));
      }
    }
    // Same seed and η, λ = 0: the mutant's runs equal the λ = 0 arm's.
    const dropped = result.arms.droppedWd[0]!.runs[0]!;
    const noWd = result.arms.noWd[0]!.runs[0]!;
    expect(dropped.finalLoss).toBeCloseTo(noWd.finalLoss, 5);
    expect(dropped.setting.weightDecay).toBe(0.01);
  });

  it("runs only the arms asked for, and the mutant trainer drops the decay", async () => {
    const result = await runLowRankExperiment({ ...tiny, normalized: undefined }, { arms: ["lambda", "normalized"], trainer: dropWeightDecay(sgdTrainer()) });
    expect(result.arms.eta).toHaveLength(0);
    expect(result.arms.normalized).toHaveLength(0);
    expect(result.trainer).toMatch(/mutant/);
  });

  it("measureLayers: rank, generic rank and the spectrum relative to ‖W‖_F", () => {
    const [m] = measureLayers([new Matrix([[3, 0, 0], [0, 4, 0]])]);
    expect(m).toMatchObject({ shape: [2, 3], numericalRank: 2, fullRank: 2 });
    expect(m!.spectrum).toEqual([0.8, 0.6]);
    expect(measureLayers([new Matrix(2, 2)])[0]!.spectrum).toEqual([0, 0]);
  });
});
