/**
 * A diverging configuration is inconclusive, never a pass (issue #8, item 5; README, "What a
 * verdict means"). A learning rate far above the stable range (η = 100 against the η = 0.02–0.05
 * the exploration found stable, `NC_DEPTH_SETTINGS`) makes the loss explode within a few steps: the
 * trainer marks every run `diverged` with the reason, each neural-collapse rule returns a Decision
 * with `inconclusive` set and `holds = false`, and `assertDecision` throws. The decision rules of
 * `src/stats` treat any non-finite measurement the same way, whatever the other values say — a
 * property checked below on values that would otherwise pass by a wide margin — and the count
 * rules (`kOfN`, `fractionAtLeast`) treat a run passed as `null` (diverged) so too.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { gaussianMixture } from "../../src/data/gaussianMixture.ts";
import { runNeuralCollapseExperiment, type CollapseRun, type NeuralCollapseConfig } from "../../src/families/neural-collapse/neuralCollapseExperiment.ts";
import {
  decideDepthOrdering,
  decideNc1,
  decideNc2,
  decideNc3,
  decideNc4,
  decideWeightDecayNecessary,
} from "../../src/families/neural-collapse/neuralCollapsePredictions.ts";
import {
  assertDecision,
  DecisionError,
  describeDecision,
  fractionAtLeast,
  kOfN,
  meanAbove,
  meanBelow,
  olsSlope,
  pairedLess,
  signTestLess,
  slopeBelow,
  trendDecreasing,
  type Decision,
} from "../../src/stats/index.ts";
import { sgdTrainer } from "../../src/train/sgdTrainer.ts";
import { nonFinite } from "../helpers/badInput.ts";

/** η far above the stable range: the loss exceeds 1000 × its initial value by the second step. */
const DIVERGENT_LEARNING_RATE = 100;
/** A stable η for the same tiny configuration (the comparison arm of the mixed case). */
const STABLE_LEARNING_RATE = 0.05;

/** Tiny: 2 classes × 4 samples in 4 dimensions, one hidden layer of 8, 6 steps, 3 seeds (≈ 0.3 s). */
const TINY: NeuralCollapseConfig = {
  classes: 2,
  dim: 4,
  perClass: 4,
  separation: 2,
  noise: 1,
  hidden: [8],
  learningRate: DIVERGENT_LEARNING_RATE,
  warmupSteps: 1,
  weightDecay: 1e-3,
  batchSize: 4,
  steps: 6,
  snapshots: 4,
  seed: 3,
  seeds: 3,
};

/** The Decision is inconclusive — holds false, the reason set and in the summary — and never passes. */
function expectInconclusive(d: Decision, reason: RegExp): void {
  expect(d.holds, d.summary).toBe(false);
  expect(d.inconclusive, d.summary).toBeDefined();
  expect(d.inconclusive).toMatch(reason);
  expect(d.summary).toContain(d.inconclusive!);
  expect(d.summary).toMatch(/: inconclusive$/);
  expect(describeDecision(d)).toMatch(/^INCONCLUSIVE: /);
  expect(() => assertDecision(d, "diverged configuration")).toThrow(DecisionError);
}

const DIVERGED = /non-finite .*: a diverged run cannot support the prediction/;
/** `sgdTrainer`'s reasons: a non-finite loss, or one above 1000 × max(1, initial loss). */
const TRAINER_REASON = /^loss (is (NaN|Infinity) at step \d+|\S+ at step \d+ exceeds 1000 × max\(1, initial loss \S+\))$/;

describe("a diverging neural-collapse configuration (η far too large)", () => {
  let wd: readonly CollapseRun[];
  let noWd: readonly CollapseRun[];
  let stable: readonly CollapseRun[];

  beforeAll(async () => {
    const diverging = await runNeuralCollapseExperiment(TINY, { arms: ["wd", "noWd"] });
    wd = diverging.arms.wd;
    noWd = diverging.arms.noWd;
    stable = (await runNeuralCollapseExperiment({ ...TINY, learningRate: STABLE_LEARNING_RATE }, { arms: ["wd"] })).arms.wd;
  });

  it("every run is marked diverged, with the reason, and keeps only its finite snapshots", () => {
    for (const run of [...wd, ...noWd]) {
      expect(run.status).toBe("diverged");
      expect(run.reason).toMatch(TRAINER_REASON);
      expect(run.trajectory.length).toBeGreaterThanOrEqual(1);
      for (const point of run.trajectory) expect(Number.isFinite(point.loss)).toBe(true);
    }
    for (const run of stable) expect(run.status, run.reason).toBe("ok");
  });

  it("NC1 (decideNc1) is inconclusive, naming the diverged runs — never a pass", () => {
    const d = decideNc1(wd);
    expectInconclusive(d, DIVERGED);
    expect(d.inconclusive).toMatch(/^3 of 3 values are non-finite \(values\[0\] = NaN, values\[1\] = NaN, values\[2\] = NaN\)/);
  });

  it("so are NC2, NC3, NC4, NC-depth and NC-WD", () => {
    for (const d of [decideNc2(wd), decideNc3(wd), decideNc4(wd), decideDepthOrdering(wd), decideWeightDecayNecessary(wd, noWd)]) {
      expectInconclusive(d, DIVERGED);
    }
  });

  it("one diverged seed among stable ones is enough to make the rule inconclusive", () => {
    const mixed = [...stable, wd[0]!];
    const d = decideNc1(mixed);
    expectInconclusive(d, DIVERGED);
    expect(d.inconclusive).toMatch(/^1 of 4 values is non-finite \(values\[3\] = NaN\)/);
    expectInconclusive(decideWeightDecayNecessary(mixed, [...stable, stable[0]!]), DIVERGED);
  });
});

describe("the trainer", () => {
  it("marks only the runs whose loss exploded as diverged (the others train on)", async () => {
    const train = gaussianMixture({ classes: 2, dim: 4, perClass: 4, separation: 2, noise: 1, seed: 5 }).train;
    const runs = await sgdTrainer().train({
      architecture: { inputDim: 4, hidden: [8], outputDim: 2, normalization: "weight" },
      runs: [
        { seed: 1, data: train, weightDecay: 1e-3, learningRate: STABLE_LEARNING_RATE },
        { seed: 2, data: train, weightDecay: 1e-3, learningRate: DIVERGENT_LEARNING_RATE },
        { seed: 3, data: train, weightDecay: 1e-3, learningRate: 1e6 },
      ],
      batchSize: "full",
      steps: 6,
      recordAt: [1, 2, 3, 4, 5],
    });
    expect(runs.map((r) => r.status)).toEqual(["ok", "diverged", "diverged"]);
    expect(runs[0]!.reason).toBeUndefined();
    for (const r of runs.slice(1)) {
      expect(r.reason).toMatch(TRAINER_REASON);
      expect(r.snapshots.every((s) => Number.isFinite(s.loss))).toBe(true);
      expect(r.snapshots.at(-1)!.step).toBeLessThan(6);
    }
  });
});

describe("src/stats: a non-finite measurement makes every rule inconclusive, never a pass", () => {
  const RUNS = { numRuns: 40 };
  /** Per-seed values far on the predicted side (−5 ± 1 against a threshold of 0). */
  const passing = fc.array(fc.double({ min: -6, max: -4, noNaN: true }), { minLength: 5, maxLength: 10 });
  const spoiled = fc.tuple(passing, fc.nat(), nonFinite).map(([values, at, bad]) => {
    const out = [...values];
    out[at % out.length] = bad;
    return { clean: values, values: out };
  });

  test.prop([spoiled], RUNS)("meanBelow, meanAbove, pairedLess, signTestLess, slopeBelow and trendDecreasing", ({ clean, values }) => {
    const b = clean.map((v) => v + 10);
    const xs = clean.map((_, i) => i);
    const falling = clean.map((v, i) => v - 3 * i);
    const spoiledFalling = values.map((v, i) => v - 3 * i);
    // Without the non-finite value every rule passes…
    expect(meanBelow(clean, 0).holds).toBe(true);
    expect(meanAbove(clean.map((v) => -v), 0).holds).toBe(true);
    expect(pairedLess(clean, b).holds).toBe(true);
    expect(signTestLess(clean, b).holds).toBe(true);
    expect(slopeBelow(xs, falling, 0).holds).toBe(true);
    expect(trendDecreasing(xs, falling).holds).toBe(true);
    // …with it, every rule is inconclusive.
    const reason = /non-finite .*: a diverged run cannot support the prediction/;
    expectInconclusive(meanBelow(values, 0), reason);
    expectInconclusive(meanAbove(values.map((v) => -v), 0), reason);
    expectInconclusive(pairedLess(values, b), reason);
    expectInconclusive(pairedLess(b.map((v) => v - 20), values.map((v) => v + 10)), reason);
    expectInconclusive(signTestLess(values, b), reason);
    expectInconclusive(slopeBelow(xs, spoiledFalling, 0), reason);
    expectInconclusive(trendDecreasing(xs, spoiledFalling), reason);
    // A per-seed slope over a diverged trajectory is NaN, so a rule over slopes is inconclusive too.
    expect(olsSlope(xs, spoiledFalling)).toBeNaN();
  });

  test.prop([fc.integer({ min: 6, max: 12 }), fc.nat()], RUNS)("kOfN and fractionAtLeast: a run passed as null (diverged) is inconclusive even when the others reach k", (n, where) => {
    const successes: Array<boolean | null> = Array.from({ length: n }, () => true);
    expect(kOfN(successes, n - 1).holds).toBe(true);
    expect(fractionAtLeast(successes, 0.5).holds).toBe(true);
    const at = where % n;
    successes[at] = null;
    const reason = new RegExp(`^1 of ${n} successes is null \\(successes\\[${at}\\]: a run that could not be judged\\): a diverged run cannot support the prediction$`);
    expectInconclusive(kOfN(successes, n - 1), reason);
    expectInconclusive(fractionAtLeast(successes, 0.5), reason);
  });
});
