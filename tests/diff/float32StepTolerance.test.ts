import { describe, expect, it } from "vitest";
import { diffSteps } from "../../src/diff/diffSteps.ts";
import { float32StepTolerance, FLOAT32_UNIT_ROUNDOFF as u, gamma } from "../../src/diff/float32StepTolerance.ts";
import { relativeGap } from "../../src/diff/compareTrainedRuns.ts";

describe("float32StepTolerance", () => {
  it("starts at 8u and grows by 2(2L γ_K r_t + 4u) per step", () => {
    const tol = float32StepTolerance({ depth: 3, longestSum: 64, relativeSteps: [1e-3, 2e-3] });
    expect(tol[0]).toBe(8 * u);
    expect(tol[1]! - tol[0]!).toBeCloseTo(2 * (6 * gamma(64) * 1e-3 + 4 * u), 20);
    expect(tol[2]! - tol[1]!).toBeCloseTo(2 * (6 * gamma(64) * 2e-3 + 4 * u), 20);
  });

  it("is monotone in the step sizes, the depth and the sum length", () => {
    const base = float32StepTolerance({ depth: 2, longestSum: 32, relativeSteps: [1e-3, 1e-3] }).at(-1)!;
    expect(float32StepTolerance({ depth: 2, longestSum: 32, relativeSteps: [2e-3, 1e-3] }).at(-1)!).toBeGreaterThan(base);
    expect(float32StepTolerance({ depth: 3, longestSum: 32, relativeSteps: [1e-3, 1e-3] }).at(-1)!).toBeGreaterThan(base);
    expect(float32StepTolerance({ depth: 2, longestSum: 64, relativeSteps: [1e-3, 1e-3] }).at(-1)!).toBeGreaterThan(base);
  });

  it("refuses what is not a step size, a depth or a sum length float32 can carry", () => {
    expect(() => float32StepTolerance({ depth: 0, longestSum: 8, relativeSteps: [] })).toThrow(/depth = 0/);
    expect(() => float32StepTolerance({ depth: 2, longestSum: 8, relativeSteps: [NaN] })).toThrow(/relativeSteps\[0\] = NaN/);
    expect(() => gamma(2 ** 25)).toThrow(/too long/);
  });
});

describe("diffSteps", () => {
  it("every early step, then 2·10^k, 5·10^k, 10^(k+1), and the last step", () => {
    expect(diffSteps(300)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 50, 100, 200, 300]);
    expect(diffSteps(3)).toEqual([0, 1, 2, 3]);
    expect(() => diffSteps(0)).toThrow(/steps = 0/);
  });
});

describe("relativeGap", () => {
  it("is ‖a − b‖/‖b‖, 0 for equal arrays, scale-free", () => {
    const b = Float32Array.from([3, 4]);
    expect(relativeGap(Float32Array.from([3, 4]), b)).toBe(0);
    expect(relativeGap(Float32Array.from([3, 5]), b)).toBeCloseTo(1 / 5, 12);
    expect(relativeGap(Float32Array.from([30, 50]), Float32Array.from([30, 40]))).toBeCloseTo(1 / 5, 12);
    expect(() => relativeGap(new Float32Array(2), new Float32Array(3))).toThrow(/equal lengths/);
  });
});
