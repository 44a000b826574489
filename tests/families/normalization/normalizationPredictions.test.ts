import { describe, expect, it } from "vitest";
import type { NormalizationPoint, NormalizationRun, WindowSummary } from "../../../src/families/normalization/normalizationExperiment.ts";
import {
  decideBalance,
  decideBounded,
  decideFitGap,
  decideGapVanishes,
  decideMarginsEqualise,
  decideRhoEquilibrium,
  gapExponents,
  inQuasiInterpolation,
  interpolates,
  spreadLog10Ratio,
} from "../../../src/families/normalization/normalizationPredictions.ts";

const jitter = (i: number) => 1 + 0.05 * Math.sin(i + 1);

const point = (step: number, over: Partial<NormalizationPoint> = {}): NormalizationPoint => ({
  step,
  loss: 0.01,
  accuracy: 1,
  rho: 2,
  layerScales: [1.26, 1.26, 1.26],
  alignment: 0.5,
  outputEnergy: 0.24,
  rhoPerLayer: 2,
  rhoSingleScale: 1.9,
  rhoLeastSquares: 2.08,
  meanMargin: 0.96,
  marginSpread: 0.1,
  imbalance: 0.001,
  fitDeficit: 0.03,
  decayTerm: 0.03,
  ...over,
});

const summary = (over: Partial<WindowSummary> = {}): WindowSummary => ({
  snapshots: 100,
  rho: 2,
  rhoPerLayer: 2,
  rhoSingleScale: 1.9,
  relErrorPerLayer: 1e-3,
  relErrorSingleScale: 0.05,
  relErrorPerLayerFinal: 0.01,
  rhoRelSd: 0.01,
  rhoGrowth: -0.02,
  rhoMax: 2.1,
  gap: 0.04,
  spread: 0.1,
  deficitRatio: 1,
  ...over,
});

const run = (i: number, window: Partial<WindowSummary> = {}, last: Partial<NormalizationPoint> = {}, weightDecay = 0.02): NormalizationRun => ({
  seed: i,
  weightDecay,
  status: "ok",
  trajectory: [point(0, { marginSpread: 0.98, loss: 1 }), point(3000, last)],
  window: summary(window),
});

describe("N1 decision rules", () => {
  it("the equilibrium check holds at 0.1 % error and fails at 4 % (the single-scale gap)", () => {
    const runs = [0, 1, 2, 3, 4].map((i) => run(i, { relErrorPerLayer: 1e-3 * jitter(i), relErrorSingleScale: 0.04 * jitter(i) }));
    expect(decideRhoEquilibrium(runs).holds).toBe(true);
    expect(decideRhoEquilibrium(runs, "singleScale").holds).toBe(false);
  });

  it("balance holds at 1e-3 and fails at the λ = 0 imbalance of a few units", () => {
    expect(decideBalance([0, 1, 2].map((i) => run(i, {}, { imbalance: 1e-3 * jitter(i) }))).holds).toBe(true);
    expect(decideBalance([0, 1, 2].map((i) => run(i, {}, { imbalance: 3 * jitter(i) }))).holds).toBe(false);
  });

  it("boundedness holds for a falling ρ and fails for one growing 20 % over the window", () => {
    expect(decideBounded([0, 1, 2].map((i) => run(i, { rhoGrowth: -0.04 * jitter(i) }))).holds).toBe(true);
    expect(decideBounded([0, 1, 2].map((i) => run(i, { rhoGrowth: 0.2 * jitter(i) }))).holds).toBe(false);
  });

  it("a diverged run makes a decision inconclusive, never a pass", () => {
    const runs = [0, 1, 2].map((i) => run(i));
    const d = decideRhoEquilibrium([{ ...runs[0]!, status: "diverged", reason: "loss is NaN" }, ...runs.slice(1)]);
    expect(d.holds).toBe(false);
    expect(d.inconclusive).toBeDefined();
  });
});

describe("N2 decision rules", () => {
  it("the gap check holds at 1 − m = 0.04 and fails for an exact fit", () => {
    expect(decideFitGap([0, 1, 2].map((i) => run(i, { gap: 0.04 * jitter(i) }))).holds).toBe(true);
    expect(decideFitGap([0, 1, 2].map((i) => run(i, { gap: 1e-5 * Math.sin(i) }))).holds).toBe(false);
  });

  it("the gap exponent is the log-log slope: gap ∝ λ gives 1, gap ∝ λ² gives 2", () => {
    const lambdas = [0.005, 0.01, 0.02];
    const linear = lambdas.map((l) => [0, 1, 2].map((i) => run(i, { gap: 2 * l * jitter(i) }, {}, l)));
    const quadratic = lambdas.map((l) => [0, 1].map((i) => run(i, { gap: 30 * l * l }, {}, l)));
    gapExponents(lambdas, quadratic).forEach((s) => expect(s).toBeCloseTo(2, 12));
    expect(decideGapVanishes(lambdas, linear).holds).toBe(true);
    const flat = lambdas.map(() => [0, 1, 2].map((i) => run(i, { gap: 1e-5 * jitter(i) }, {}, 0)));
    const d = decideGapVanishes(lambdas, flat);
    expect(d.holds).toBe(false);
    expect(d.inconclusive).toBeUndefined();
    expect(() => gapExponents([0.01], [flat[0]!])).toThrow(/expected equal counts, at least 2/);
  });

  it("the spread check holds for a tenfold fall and fails for a twofold one", () => {
    expect(spreadLog10Ratio(run(0, { spread: 0.098 }))).toBeCloseTo(-1, 12);
    expect(decideMarginsEqualise([0, 1, 2].map((i) => run(i, { spread: 0.1 * jitter(i) }))).holds).toBe(true);
    expect(decideMarginsEqualise([0, 1, 2].map((i) => run(i, { spread: 0.5 * jitter(i) }))).holds).toBe(false);
  });

  it("regimes: quasi-interpolation (loss ≤ 0.05, all right) and exact fit (loss ≤ 1e-4)", () => {
    expect(inQuasiInterpolation(run(0))).toBe(true);
    expect(inQuasiInterpolation(run(0, {}, { loss: 0.2 }))).toBe(false);
    expect(inQuasiInterpolation(run(0, {}, { accuracy: 0.98 }))).toBe(false);
    expect(interpolates(run(0, {}, { loss: 1e-6 }))).toBe(true);
    expect(interpolates(run(0, {}, { loss: 1e-3 }))).toBe(false);
    expect(interpolates({ ...run(0, {}, { loss: 1e-6 }), status: "diverged" })).toBe(false);
  });
});
