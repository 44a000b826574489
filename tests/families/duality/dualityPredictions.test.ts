import { describe, expect, it } from "vitest";
import type { NullSpaceRun } from "../../../src/families/duality/dualityNullSpace.ts";
import {
  allChecks,
  checkNullSpaceDecay,
  decideLayerDuality,
  decideMeansDuality,
  FLOAT32_EPSILON,
  nearStationary,
  stationaryRuns,
  D2_MIN_STATIONARY_RUNS,
  nullSpaceTolerance,
  residualBoundViolations,
} from "../../../src/families/duality/dualityPredictions.ts";
import type { DualityPoint, DualityRun } from "../../../src/families/duality/dualityStationary.ts";

/** A run whose ‖W⊥_t‖/‖W⊥_0‖ is `ratio(t)`, with ‖W‖ = 5, ‖ΔW‖ = 0.01, ‖W⊥_0‖ = 4. */
function curveRun(ratio: (t: number) => number, over: Partial<NullSpaceRun> = {}, steps = 200): NullSpaceRun {
  const ts = Array.from({ length: steps + 1 }, (_, t) => t);
  return {
    seed: 1,
    weightDecay: 0.05,
    learningRate: 0.04,
    batchSize: 4,
    status: "ok",
    curve: {
      steps: ts,
      ratio: ts.map(ratio),
      firstLayerNorm: ts.map(() => 5),
      stepNorm: ts.map((t) => (t < steps ? 0.01 : 0)),
      initialOrthogonalNorm: 4,
      spanRank: 10,
      dim: 20,
    },
    finalLoss: 0.01,
    ...over,
  };
}

const factor = 1 - 2 * 0.04 * 0.05;

describe("D1: checkNullSpaceDecay", () => {
  it("the budget is the float32 rounding bound: 0 at t = 0 (up to 1e-12), growing with Σ(‖W‖ + B‖ΔW‖)", () => {
    const run = curveRun((t) => factor ** t);
    expect(nullSpaceTolerance(run, 0, 0.05)).toBe(1e-12);
    const expected = (4 * FLOAT32_EPSILON * 10 * (5 + 4 * 0.01)) / 4 + (4 * FLOAT32_EPSILON * 0.04 * 0.05 * 10 * factor ** 10) / factor + 1e-12;
    expect(nullSpaceTolerance(run, 10, 0.05)).toBeCloseTo(expected, 20);
  });

  it("holds on the exact curve (1 − 2ηλ)^t, with the fitted rate equal to −ln(1 − 2ηλ)", () => {
    const check = checkNullSpaceDecay(curveRun((t) => factor ** t * (1 + 1e-7 * Math.sin(t))));
    expect(check.holds).toBe(true);
    expect(check.inconclusive).toBeUndefined();
    expect(Math.abs(check.fittedRate / check.predictedRate - 1)).toBeLessThan(1e-4);
    expect(check.maxRelativeError).toBeLessThan(2e-7);
  });

  it("fails when the decay rate is off by 0.1 % or the curve is constant (λ = 0 against λ > 0)", () => {
    expect(checkNullSpaceDecay(curveRun((t) => (1 - 2 * 0.04 * 0.05 * 1.001) ** t)).holds).toBe(false);
    const constant = curveRun(() => 1, { weightDecay: 0 });
    expect(checkNullSpaceDecay(constant).holds).toBe(true); // its own prediction: constant
    const control = checkNullSpaceDecay(constant, 0.05);
    expect(control.holds).toBe(false);
    expect(control.inconclusive).toBeUndefined();
  });

  it("fails on a single point off the curve beyond the budget (the whole curve is checked)", () => {
    expect(checkNullSpaceDecay(curveRun((t) => factor ** t * (t === 37 ? 1 + 1e-3 : 1))).holds).toBe(false);
  });

  it("is inconclusive for a diverged run or a non-finite point, never a pass", () => {
    const diverged = checkNullSpaceDecay(curveRun((t) => factor ** t, { status: "diverged", reason: "loss is NaN at step 50" }));
    expect(diverged.holds).toBe(false);
    expect(diverged.inconclusive).toMatch(/diverged/);
    const nan = checkNullSpaceDecay(curveRun((t) => (t === 5 ? Number.NaN : factor ** t)));
    expect(nan.inconclusive).toMatch(/NaN at step 5/);
  });

  it("allChecks holds only when every curve holds and is inconclusive when one is", () => {
    const good = checkNullSpaceDecay(curveRun((t) => factor ** t));
    const bad = checkNullSpaceDecay(curveRun(() => 1), 0.05);
    const undecided = checkNullSpaceDecay(curveRun((t) => factor ** t, { status: "diverged" }));
    expect(allChecks("x", [good, good]).holds).toBe(true);
    expect(allChecks("x", [good, bad]).holds).toBe(false);
    expect(allChecks("x", [good, undecided]).inconclusive).toBeDefined();
  });
});

const dpoint = (step: number, over: Partial<DualityPoint> = {}): DualityPoint => ({
  step,
  loss: 0.01,
  accuracy: 1,
  residual: [1e-3, 2e-3, 5e-4],
  worstRowResidual: [0.6, 0.8, 1e-3],
  worstRowShare: [1e-4, 2e-4, 1e-4],
  spanRank: [24, 24, 24],
  inputSize: [32, 48, 48],
  stationarity: [0.02, 0.03, 0.01],
  meansResidual: 0.015,
  ...over,
});

const drun = (i: number, final: Partial<DualityPoint> = {}): DualityRun => ({
  seed: i,
  weightDecay: 0.04,
  status: "ok",
  trajectory: [dpoint(0, { residual: [0.5, 0.7, 0.7], meansResidual: 0.97, stationarity: [10, 10, 40], loss: 2, accuracy: 0.3 }), dpoint(2000, final)],
});

const jitter = (i: number) => 1 + 0.1 * Math.sin(i + 1);

describe("D2 decision rules", () => {
  it("the layer check holds at residuals ~2e-3 and fails at initialisation (~0.7)", () => {
    const runs = [0, 1, 2, 3].map((i) => drun(i, { residual: [1e-3, 2e-3 * jitter(i), 5e-4] }));
    expect(decideLayerDuality(runs).holds).toBe(true);
    const initial = decideLayerDuality(runs, "initial");
    expect(initial.holds).toBe(false);
    expect(initial.inconclusive).toBeUndefined();
  });

  it("the means check holds at 1.5e-2 and fails at 0.9", () => {
    expect(decideMeansDuality([0, 1, 2].map((i) => drun(i, { meansResidual: 0.015 * jitter(i) }))).holds).toBe(true);
    expect(decideMeansDuality([0, 1, 2].map((i) => drun(i, { meansResidual: 0.9 * jitter(i) }))).holds).toBe(false);
  });

  it("a diverged run is inconclusive", () => {
    const d = decideLayerDuality([{ ...drun(0), status: "diverged", reason: "loss is Infinity" }, drun(1), drun(2)]);
    expect(d.holds).toBe(false);
    expect(d.inconclusive).toBeDefined();
  });

  it("near-stationarity needs every layer's stationarity ≤ 0.25 and quasi-interpolation", () => {
    expect(nearStationary(drun(0))).toBe(true);
    expect(nearStationary(drun(0, { stationarity: [0.02, 0.3, 0.01] }))).toBe(false);
    expect(nearStationary(drun(0, { loss: 0.1 }))).toBe(false);
    expect(nearStationary(drun(0, { accuracy: 0.9 }))).toBe(false);
    expect(nearStationary(drun(0, { stationarity: [Number.NaN, 0.01, 0.01] }))).toBe(false);
  });

  it("D2 keeps the near-stationary runs and names the others (the premise, not the outcome, selects)", () => {
    const runs = [drun(0), drun(1, { stationarity: [0.02, 0.56, 0.01] }), drun(2, { residual: [0.2, 0.2, 0.2], stationarity: [0.24, 0.24, 0.24] }), { ...drun(3), status: "diverged" as const, reason: "loss is NaN" }];
    const { kept, left } = stationaryRuns(runs);
    expect(kept.map((r) => r.seed)).toEqual([0, 2]);
    expect(left.map((r) => r.seed)).toEqual([1, 3]);
    // A kept run with a large residual still counts against the claim: selection is on stationarity only.
    expect(decideLayerDuality(kept).holds).toBe(false);
    expect(D2_MIN_STATIONARY_RUNS).toBeGreaterThanOrEqual(3);
  });

  it("the exact bound residual_k ≤ stationarity_k flags the violating layers (1-based)", () => {
    expect(residualBoundViolations(dpoint(0))).toEqual([]);
    expect(residualBoundViolations(dpoint(0, { residual: [0.5, 2e-3, 0.02] }))).toEqual([1, 3]);
  });
});
