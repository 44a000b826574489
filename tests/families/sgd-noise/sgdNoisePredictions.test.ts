import { describe, expect, it } from "vitest";
import type { NoiseRun, StepPair } from "../../../src/families/sgd-noise/sgdNoiseExperiment.ts";
import {
  consistencyCases,
  decayStep,
  decideConsistency,
  decideFloorTrend,
  decideOrdersLower,
  decideOutputFloor,
  decideWeightFloor,
  floorExponents,
  inInterpolation,
  meanWithInterval,
  samplingFactor,
  type NoiseSweep,
} from "../../../src/families/sgd-noise/sgdNoisePredictions.ts";
import { updateSizeStats } from "../../../src/metrics/index.ts";

const base = { weightDecay: 0.05, learningRate: 0.02 };

/** A run whose late weight steps are `w` and output steps `f`; its layer has spectrum `spectrum` and spectral step `step`. */
function run(seed: number, w: number, f: number, over: Partial<NoiseRun> = {}, layer?: { spectrum: number[]; step: number }): NoiseRun {
  const jitter = 1 + 0.05 * Math.sin(seed + 1);
  const pairs: StepPair[] = [0, 1, 2].map((i) => ({
    step: 100 + i,
    window: "late",
    weightChange: w * jitter,
    outputChange: f * jitter,
    layers: layer === undefined ? [] : [{ relativeChange: layer.step * 1.2, stepSpectral: layer.step, spectrum: layer.spectrum }],
  }));
  return {
    seed,
    setting: { ...base, batchSize: 2, fullBatch: false },
    status: "ok",
    finalLoss: 0.05,
    finalAccuracy: 1,
    pairs,
    weightFloor: { late: updateSizeStats(pairs.map((p) => p.weightChange)) },
    outputFloor: { late: updateSizeStats(pairs.map((p) => p.outputChange)) },
    ...over,
  };
}

const seeds = [0, 1, 2, 3, 4];

describe("SGD-noise decision rules", () => {
  it("S1: a floor of ~1.3 × 2ηλ holds; 2 % of it fails; the outputs use 2ηλL", () => {
    const unit = decayStep(base);
    expect(unit).toBeCloseTo(2e-3, 15);
    const sgd = seeds.map((s) => run(s, 1.3 * unit, 1.2 * unit * 3));
    const gd = seeds.map((s) => run(s, 0.02 * unit, 0.002 * unit * 3));
    expect(decideWeightFloor(sgd, base).holds).toBe(true);
    expect(decideOutputFloor(sgd, base, 3).holds).toBe(true);
    expect(decideWeightFloor(gd, base).holds).toBe(false);
    expect(decideWeightFloor(gd, base).inconclusive).toBeUndefined();
    expect(decideOutputFloor(gd, base, 3).holds).toBe(false);
    expect(decideOrdersLower(gd, sgd, "weightFloor", ["GD", "SGD"]).holds).toBe(true);
    expect(decideOrdersLower(sgd.map((r) => run(r.seed, 0.5 * unit, 1)), sgd, "weightFloor", ["a", "b"]).holds).toBe(false);
  });

  it("a diverged run (no late floor) makes the floor decision inconclusive, never a pass", () => {
    const runs = seeds.map((s) => run(s, 1e-2, 1e-2));
    const broken = { ...runs[0]!, status: "diverged" as const, weightFloor: {} };
    expect(decideWeightFloor([broken, ...runs.slice(1)], base).inconclusive).toBeDefined();
  });

  it("λ = 0 control regime: loss ≤ 1e-3 and accuracy 1", () => {
    expect(inInterpolation(run(0, 1, 1, { finalLoss: 1e-4 }))).toBe(true);
    expect(inInterpolation(run(0, 1, 1, { finalLoss: 1e-2 }))).toBe(false);
    expect(inInterpolation(run(0, 1, 1, { finalLoss: 1e-4, finalAccuracy: 0.9 }))).toBe(false);
  });

  it("S2 consistency: σ_{B+1}/‖W‖ ≤ step/(2ηλ) holds when the step is large and fails when it is tiny", () => {
    const unit = decayStep(base);
    const spectrum = [0.7, 0.5, 0.4, 0.3];
    const sgd = seeds.map((s) => run(s, 1, 1, {}, { spectrum, step: 1.0 * unit })); // bound 1 ≥ σ_3 = 0.4
    const gd = seeds.map((s) => run(s, 1, 1, {}, { spectrum, step: 0.01 * unit })); // bound 0.01 < 0.4
    expect(decideConsistency(sgd).holds).toBe(true);
    const failed = decideConsistency(gd);
    expect(failed.holds).toBe(false);
    expect(failed.inconclusive).toBeUndefined();
    const cases = consistencyCases(sgd.slice(0, 1), 1);
    expect(cases).toHaveLength(3 * 2);
    expect(cases[0]).toMatchObject({ lhs: 0.5, rhs: expect.closeTo(1, 12) });
    expect(cases[1]!.lhs).toBeCloseTo(Math.sqrt(0.25 + 0.16 + 0.09), 12);
    expect(consistencyCases(sgd.slice(0, 1), 9)[0]!.lhs).toBe(0);
    expect(() => consistencyCases([run(0, 1, 1, { setting: { weightDecay: 0, learningRate: 0.02, batchSize: 2, fullBatch: false } })])).toThrow(
      /2ηλ = 0; expected λ > 0/,
    );
  });

  it("S2 scaling: per-seed log-log exponents, decided by sign, reported with a 95 % interval", () => {
    const sweep = (levels: number[], exponent: number): NoiseSweep =>
      levels.map((level) => ({ level, runs: seeds.map((s) => run(s, 1e-3 * level ** exponent * (1 + 0.01 * s * Math.log(level)), 1)) }));
    const eta = sweep([0.01, 0.02, 0.04], 1);
    expect(floorExponents(eta)[0]).toBeCloseTo(1, 6);
    expect(decideFloorTrend(eta, "increasing", "η").holds).toBe(true);
    expect(decideFloorTrend(sweep([2, 8, 16], -0.5), "decreasing", "B").holds).toBe(true);
    expect(decideFloorTrend(sweep([2, 8, 16], 0), "decreasing", "B").holds).toBe(false);
    const ci = meanWithInterval([1, 2, 3]);
    expect(ci.mean).toBe(2);
    expect(ci.low).toBeCloseTo(2 - 4.302652729911275 / Math.sqrt(3), 6);
    expect(Number.isNaN(meanWithInterval([1]).low)).toBe(true);
    const broken: NoiseSweep = [eta[0]!, { level: 0.02, runs: [{ ...eta[1]!.runs[0]!, status: "diverged" }, ...eta[1]!.runs.slice(1)] }];
    expect(Number.isNaN(floorExponents(broken)[0]!)).toBe(true);
  });

  it("samplingFactor: √((N − B)/(B(N − 1))), 0 at B = N, 1 at B = 1", () => {
    expect(samplingFactor(48, 8)).toBeCloseTo(Math.sqrt(40 / (8 * 47)), 15);
    expect(samplingFactor(48, 48)).toBe(0);
    expect(samplingFactor(48, 1)).toBe(1);
    expect(() => samplingFactor(48, 49)).toThrow(/N = 48, B = 49/);
  });
});
