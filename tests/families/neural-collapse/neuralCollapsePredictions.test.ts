import { describe, expect, it } from "vitest";
import type { CollapsePoint, CollapseRun } from "../../../src/families/neural-collapse/neuralCollapseExperiment.ts";
import {
  decideDepthOrdering,
  decideNc1,
  decideNc1Level,
  decideNc2,
  decideNc3,
  decideNc4,
  decideWeightDecayNecessary,
  inRegime,
  layerSlope,
  log10Ratio,
  NC1_MAX_FINAL,
  NC1_MAX_LOG10_RATIO,
} from "../../../src/families/neural-collapse/neuralCollapsePredictions.ts";

const point = (step: number, over: Partial<CollapsePoint> = {}): CollapsePoint => ({
  step,
  loss: 0.001,
  accuracy: 1,
  nc1: 0.5,
  cdnv: 1,
  equinorm: 0.1,
  equiangularity: 0.1,
  etfDistance: 0.4,
  frameDistance: 0.8,
  nc3Uncentred: 1.4,
  nc3Centred: 1.4,
  nc4: 0,
  ...over,
});

/** A run whose metrics go from the `point` defaults at step 0 to `end` at step 100. */
const run = (seed: number, end: Partial<CollapsePoint>, layerNc1 = [0.5, 0.1, 0.01]): CollapseRun => ({
  seed,
  status: "ok",
  trajectory: [point(0, { loss: 5 }), point(100, end)],
  layerNc1,
  centredFeatureRank: 3,
  layerNorms: [1, 1, 1],
});

const jitter = (i: number) => 1 + 0.05 * Math.sin(i + 1);

describe("neural-collapse decision rules", () => {
  it("NC1 holds when NC1 falls ~100× in every seed and fails when it falls ~3×", () => {
    const collapsed = [0, 1, 2, 3, 4].map((i) => run(i, { nc1: 0.005 * jitter(i) }));
    const weak = [0, 1, 2, 3, 4].map((i) => run(i, { nc1: 0.15 * jitter(i) }));
    expect(log10Ratio(collapsed[0]!, "nc1")).toBeLessThan(NC1_MAX_LOG10_RATIO);
    expect(decideNc1(collapsed).holds).toBe(true);
    expect(decideNc1(weak).holds).toBe(false);
  });

  it("NC1 at the end: holds a decade below NC1_MAX_FINAL, fails a decade above it, is inconclusive on a diverged run", () => {
    expect(decideNc1Level([0, 1, 2, 3, 4].map((i) => run(i, { nc1: (NC1_MAX_FINAL / 10) * jitter(i) }))).holds).toBe(true);
    // a fall by 100× that still ends above the level (e.g. a metric with the wrong scale) fails
    expect(decideNc1Level([0, 1, 2, 3, 4].map((i) => run(i, { nc1: NC1_MAX_FINAL * 10 * jitter(i) }))).holds).toBe(false);
    const diverged = { ...run(9, { nc1: 0.001 }), status: "diverged" as const };
    expect(decideNc1Level([run(0, { nc1: 0.001 }), run(1, { nc1: 0.001 }), diverged]).inconclusive).toMatch(/non-finite/);
  });

  it("NC2 and NC3 decide on the fall of the ETF and self-duality distances", () => {
    expect(decideNc2([0, 1, 2].map((i) => run(i, { frameDistance: 0.1 * jitter(i) }))).holds).toBe(true);
    expect(decideNc2([0, 1, 2].map((i) => run(i, { frameDistance: 0.7 * jitter(i) }))).holds).toBe(false);
    // the centred ETF distance does not decide NC2
    expect(decideNc2([0, 1, 2].map((i) => run(i, { frameDistance: 0.1 * jitter(i), etfDistance: 0.9 }))).holds).toBe(true);
    expect(decideNc3([0, 1, 2].map((i) => run(i, { nc3Uncentred: 0.1 * jitter(i) }))).holds).toBe(true);
    expect(decideNc3([0, 1, 2].map((i) => run(i, { nc3Uncentred: 1.2 * jitter(i) }))).holds).toBe(false);
  });

  it("NC4 holds with no mismatches and fails with 15 % of them", () => {
    expect(decideNc4([0, 1, 2].map((i) => run(i, { nc4: 0 }))).holds).toBe(true);
    expect(decideNc4([0, 1, 2].map((i) => run(i, { nc4: 0.15 * jitter(i) }))).holds).toBe(false);
  });

  it("a diverged run makes a decision inconclusive, never a pass", () => {
    const runs = [0, 1, 2].map((i) => run(i, { nc1: 0.001 }));
    const diverged: CollapseRun = { ...runs[0]!, status: "diverged", reason: "loss is NaN at step 50" };
    const d = decideNc1([diverged, ...runs.slice(1)]);
    expect(d.holds).toBe(false);
    expect(d.inconclusive).toBeDefined();
  });

  it("NC-WD compares the final NC3 seed by seed, with a √10 margin", () => {
    const wd = [0, 1, 2, 3].map((i) => run(i, { nc3Uncentred: 0.1 * jitter(i) }));
    const noWd = [0, 1, 2, 3].map((i) => run(i, { nc3Uncentred: 1.1 * jitter(i + 2) }));
    const close = [0, 1, 2, 3].map((i) => run(i, { nc3Uncentred: 0.2 * jitter(i + 2) }));
    expect(decideWeightDecayNecessary(wd, noWd).holds).toBe(true);
    expect(decideWeightDecayNecessary(wd, close).holds).toBe(false);
  });

  it("NC-depth: the per-layer slope of log10 NC1 is negative when NC1 falls with depth", () => {
    expect(layerSlope(run(0, {}, [1, 0.1, 0.01]))).toBeCloseTo(-1, 12);
    expect(decideDepthOrdering([0, 1, 2].map((i) => run(i, {}, [0.5, 0.1 * jitter(i), 0.01])))).toMatchObject({ holds: true });
    expect(decideDepthOrdering([0, 1, 2].map((i) => run(i, {}, [0.5, 0.6 * jitter(i), 0.7])))).toMatchObject({ holds: false });
  });

  it("the regime is quasi-interpolation: small loss and every sample right", () => {
    expect(inRegime(run(0, { loss: 0.01 }))).toBe(true);
    expect(inRegime(run(0, { loss: 0.2 }))).toBe(false);
    expect(inRegime(run(0, { accuracy: 0.99 }))).toBe(false);
    expect(inRegime({ ...run(0, {}), status: "diverged" })).toBe(false);
  });
});
