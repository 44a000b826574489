import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { argmaxAccuracy } from "../../src/harness/argmaxAccuracy.ts";
import { evenlySpacedSteps, runSeeds, seededTrainingSets, settingRuns } from "../../src/harness/runSeeds.ts";
import { oneFactorJobs, sweepArchitecture } from "../../src/harness/trainSweep.ts";
import { deriveSeed } from "../../src/random/rng.ts";

describe("runSeeds, seededTrainingSets, settingRuns", () => {
  const config = { seed: 11, seeds: 3, classes: 3, dim: 4, perClass: 2, separation: 2, noise: 1 };

  it("run i's seed is deriveSeed(seed, 'run/i'), and its training set is drawn from it", () => {
    expect(runSeeds(config)).toEqual([0, 1, 2].map((i) => deriveSeed(11, `run/${i}`)));
    const { seeds, data } = seededTrainingSets(config);
    expect(seeds).toEqual(runSeeds(config));
    expect(data.map((d) => d.count)).toEqual([6, 6, 6]);
    expect(data[0]!.inputs).not.toEqual(data[1]!.inputs);
    const runs = settingRuns(seeds, data, { weightDecay: 0.1, learningRate: 0.2 });
    expect(runs.map((r) => [r.seed, r.data, r.weightDecay, r.learningRate])).toEqual(seeds.map((s, i) => [s, data[i], 0.1, 0.2]));
  });

  it("evenlySpacedSteps includes both ends", () => {
    expect(evenlySpacedSteps(100, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(evenlySpacedSteps(10, 1)).toEqual([0]);
  });
});

describe("oneFactorJobs, sweepArchitecture", () => {
  const config = { weightDecay: 1, learningRate: 2, batchSize: 3, weightDecays: [1, 4], learningRates: [2, 5], batchSizes: [3, 6] };

  it("lists λ, η and B levels around the base, in arm order, only for the wanted arms", () => {
    const jobs = oneFactorJobs(config, ["batch", "lambda"], (l, e, b) => [l, e, b]);
    expect(jobs).toEqual([
      { arm: "lambda", level: 1, setting: [1, 2, 3] },
      { arm: "lambda", level: 4, setting: [4, 2, 3] },
      { arm: "batch", level: 3, setting: [1, 2, 3] },
      { arm: "batch", level: 6, setting: [1, 2, 6] },
    ]);
    expect(oneFactorJobs(config, ["eta"], (l, e, b) => [l, e, b]).map((j) => j.setting)).toEqual([[1, 2, 3], [1, 5, 3]]);
  });

  it("the sweep architecture is the plain MLP d → hidden → C", () => {
    expect(sweepArchitecture({ dim: 4, hidden: [5, 6], classes: 3 })).toEqual({ inputDim: 4, hidden: [5, 6], outputDim: 3, normalization: "none" });
  });
});

describe("argmaxAccuracy", () => {
  it("counts rows whose largest output is the label", () => {
    expect(argmaxAccuracy(new Matrix([[0.9, 0.1], [0.2, 0.8], [0.3, 0.7]]), Int32Array.of(0, 0, 1))).toBeCloseTo(2 / 3, 15);
  });
});
