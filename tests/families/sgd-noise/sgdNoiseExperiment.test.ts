import { describe, expect, it } from "vitest";
import { gaussianMixture } from "../../../src/data/gaussianMixture.ts";
import {
  FLOAT32_RESOLUTION,
  measureNoiseRun,
  noiseArchitecture,
  pairSteps,
  runSgdNoiseExperiment,
  type SgdNoiseConfig,
} from "../../../src/families/sgd-noise/sgdNoiseExperiment.ts";

const tiny: SgdNoiseConfig = {
  classes: 3,
  dim: 4,
  perClass: 4,
  separation: 2,
  noise: 1,
  hidden: [8, 8],
  weightDecay: 0.02,
  learningRate: 0.05,
  batchSize: 4,
  weightDecays: [0.01, 0.02],
  learningRates: [0.05, 0.1],
  batchSizes: [2, 4],
  steps: 40,
  pairs: 3,
  seed: 11,
  seeds: 2,
};

describe("runSgdNoiseExperiment", () => {
  it("records consecutive pairs in the mid and late windows and measures per-step changes", async () => {
    const result = await runSgdNoiseExperiment(tiny);
    expect(noiseArchitecture(tiny).normalization).toBe("none");
    expect(result.arms.gd[0]!.runs[0]!.setting).toMatchObject({ fullBatch: true, batchSize: 12, weightDecay: 0.02 });
    expect(result.arms.noWd[0]!.runs[0]!.setting.weightDecay).toBe(0);
    const { mid, late } = pairSteps(40, 3);
    for (const arm of ["lambda", "eta", "batch", "noWd", "gd"] as const) {
      for (const level of result.arms[arm]) {
        for (const r of level.runs) {
          expect(r.status).toBe("ok");
          expect(r.pairs.map((p) => p.step)).toEqual([...mid, ...late]);
          expect(r.weightFloor.late!.count).toBe(3);
          for (const p of r.pairs) {
            expect(p.weightChange).toBeGreaterThanOrEqual(FLOAT32_RESOLUTION);
            expect(p.layers).toHaveLength(3);
            p.layers.forEach((l) => {
              expect(l.stepSpectral).toBeLessThanOrEqual(l.relativeChange * (1 + 1e-12));
              expect(l.spectrum[0]!).toBeLessThanOrEqual(1 + 1e-12);
            });
          }
        }
      }
    }
  });

  it("trains the λ = 0 arm noWdSteps steps, windows at the same fractions of its own T; the other arms are unchanged", async () => {
    const base = await runSgdNoiseExperiment(tiny, { arms: ["lambda", "noWd"] });
    const longer = await runSgdNoiseExperiment({ ...tiny, noWdSteps: 120 }, { arms: ["lambda", "noWd"] });
    const { mid, late } = pairSteps(120, 3);
    for (const r of longer.arms.noWd[0]!.runs) expect(r.pairs.map((p) => p.step)).toEqual([...mid, ...late]);
    expect(longer.arms.lambda).toEqual(base.arms.lambda);
    await expect(runSgdNoiseExperiment({ ...tiny, noWdSteps: 20 })).rejects.toThrow(/SgdNoiseConfig\.noWdSteps = 20; expected an integer ≥ 8 · pairs = 24/);
    await expect(runSgdNoiseExperiment({ ...tiny, noWdSteps: 30.5 })).rejects.toThrow(/noWdSteps = 30\.5/);
  });

  it("pairSteps: k evenly spaced steps in [T/2, 3T/4) and [3T/4, T − 1); rejects too few steps", () => {
    expect(pairSteps(80, 2)).toEqual({ mid: [40, 50], late: [60, 69] });
    expect(() => pairSteps(10, 2)).toThrow(/steps = 10; expected an integer ≥ 8 · pairs = 16/);
    expect(() => pairSteps(100, 0)).toThrow(/pairs = 0/);
  });

  it("a dead network (outputs 0) or an exactly stopped one: undefined floors vs floors at the float32 resolution", () => {
    const data = gaussianMixture({ classes: 3, dim: 4, perClass: 4, separation: 2, noise: 1, seed: 1 }).train;
    const architecture = noiseArchitecture(tiny);
    const zero = [new Float32Array(8 * 4), new Float32Array(8 * 8), new Float32Array(3 * 8)];
    const ones = [new Float32Array(8 * 4).fill(0.1), new Float32Array(8 * 8).fill(0.1), new Float32Array(3 * 8).fill(0.1)];
    const setting = { weightDecay: 0.02, learningRate: 0.05, batchSize: 4, fullBatch: false };
    const spec = { seed: 1, data, weightDecay: 0.02, learningRate: 0.05 };
    const windows = { mid: [2], late: [4] };
    const snaps = (w: Float32Array[]) => [2, 3, 4, 5].map((step) => ({ step, loss: 1, weights: w }));
    const dead = measureNoiseRun({ spec, status: "ok", snapshots: snaps(zero) }, architecture, setting, windows);
    expect(dead.weightFloor.late).toBeUndefined();
    expect(dead.outputFloor.late).toBeUndefined();
    const stopped = measureNoiseRun({ spec, status: "ok", snapshots: snaps(ones) }, architecture, setting, windows);
    expect(stopped.weightFloor.late!.floor).toBeCloseTo(FLOAT32_RESOLUTION, 20);
    expect(stopped.outputFloor.mid!.floor).toBeCloseTo(FLOAT32_RESOLUTION, 20);
  });

  it("a run that diverged before the windows has no floors (its decisions are inconclusive)", async () => {
    const result = await runSgdNoiseExperiment({ ...tiny, learningRate: 50, learningRates: [50], weightDecays: [0.02], batchSizes: [4] }, { arms: ["lambda"] });
    const r = result.arms.lambda[0]!.runs[0]!;
    expect(r.status).toBe("diverged");
    expect(r.weightFloor.late).toBeUndefined();
  });
});
