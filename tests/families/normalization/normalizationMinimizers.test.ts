import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import {
  numericPerLayerScales,
  numericSingleScaleRho,
  perLayerObjective,
} from "../../../src/families/normalization/normalizationMinimizers.ts";
import { scaleProblem } from "../../../src/families/normalization/normalizationProblems.ts";
import { layerImbalance, perLayerRho, singleScaleRho } from "../../../src/metrics/index.ts";
import { TOLERANCE } from "../../../src/tolerances.ts";
import { FLOAT64, expectClose } from "../../tolerances.ts";

describe("scaleProblem", () => {
  it("draws a normalised network, inputs and targets of the requested shapes, deterministically", () => {
    const spec = { seed: 5, view: "one-hot" as const, classes: 3, dim: 4, count: 7, hidden: [5, 6] };
    const p = scaleProblem(spec);
    expect(p.directions.map((v) => [v.rows, v.columns])).toEqual([[5, 4], [6, 5], [3, 6]]);
    p.directions.forEach((v) => expect(v.norm()).toBeCloseTo(1, 12));
    expect([p.inputs.rows, p.inputs.columns]).toEqual([7, 4]);
    for (let n = 0; n < 7; n++) expect(p.targets[n * 3]! + p.targets[n * 3 + 1]! + p.targets[n * 3 + 2]!).toBe(1);
    expect(scaleProblem(spec).moments).toEqual(p.moments);
    const binary = scaleProblem({ ...spec, view: "binary", classes: 2, hidden: [] });
    expect(binary.directions.map((v) => [v.rows, v.columns])).toEqual([[1, 4]]);
    expect(Array.from(binary.targets).every((y) => y === 1 || y === -1)).toBe(true);
    expect(() => scaleProblem({ ...spec, view: "binary" })).toThrow(/view "binary" with classes = 3; expected 2/);
  });
});

describe("numericSingleScaleRho (float32 gradient descent on ρ)", () => {
  for (const [name, spec] of [
    ["one-hot, depth 3", { seed: 11, view: "one-hot" as const, classes: 4, dim: 6, count: 20, hidden: [8, 8] }],
    ["binary, depth 2", { seed: 12, view: "binary" as const, classes: 2, dim: 3, count: 9, hidden: [5] }],
    ["linear model", { seed: 13, view: "one-hot" as const, classes: 3, dim: 5, count: 4, hidden: [] }],
  ] as const) {
    it(`reaches the closed-form minimiser a/(λ + b) to float32 tolerance (${name})`, async () => {
      const p = scaleProblem(spec);
      for (const lambda of [1e-4, 0.05, 1]) {
        const numeric = await numericSingleScaleRho({ directions: p.directions, inputs: p.inputs, targets: p.targets, lambda });
        const closed = singleScaleRho(p.moments, lambda);
        expectClose(numeric, closed, { rel: TOLERANCE.float32.relative, abs: TOLERANCE.float32.absolute }, `λ = ${lambda}`);
      }
    });
  }

  it("returns 0 for a network whose outputs are all 0, and rejects bad arguments", async () => {
    const dead = [new Matrix([[-1, -1]]), new Matrix([[1]])];
    const inputs = new Matrix([[1, 1], [2, 0.5]]);
    expect(await numericSingleScaleRho({ directions: dead, inputs, targets: [1, -1], lambda: 0.1 })).toBe(0);
    await expect(numericSingleScaleRho({ directions: dead, inputs, targets: [1], lambda: 0.1 })).rejects.toThrow(/targets has length 1; expected N × C = 2 × 1 = 2/);
    await expect(numericSingleScaleRho({ directions: dead, inputs, targets: [1, -1], lambda: -1 })).rejects.toThrow(/lambda = -1; expected a finite λ ≥ 0/);
    await expect(numericSingleScaleRho({ directions: dead, inputs, targets: [1, -1], lambda: 0 })).rejects.toThrow(/curvature is 0/);
  });
});

describe("numericPerLayerScales (float64 descent on the layer scales)", () => {
  const moments = { alignment: 0.3, outputEnergy: 0.05, targetEnergy: 1 };

  it("ends balanced at the closed-form per-layer equilibrium from an unbalanced start near a/b", () => {
    for (const [lambda, start] of [
      [0.01, [3, 1.2, 1.6]],
      [0.001, [1, 2, 1.5, 1.2]],
      [0.2, [1.4, 1.6, 2.7]],
      [0.05, [2, 3]],
    ] as const) {
      const found = numericPerLayerScales(moments, lambda, start);
      expect(found.converged).toBe(true);
      expectClose(found.rho, perLayerRho(moments, lambda, start.length), FLOAT64, `λ = ${lambda}, L = ${start.length}`);
      expect(layerImbalance(found.layerScales)).toBeLessThan(1e-12);
      expect(found.objective).toBeCloseTo(perLayerObjective(moments, lambda, found.layerScales), 15);
    }
  });

  it("runs to ρ → 0 when started below the saddle (for L ≥ 3, g = 0 is a second local minimum)", () => {
    // Saddle: the smaller root of 0.3 − 0.05ρ = 0.05ρ^{−1/3}, ρ ≈ 4.6e-3; start at ρ = 1e-3 below it.
    const found = numericPerLayerScales(moments, 0.05, [0.1, 0.1, 0.1]);
    expect(found.rho).toBeLessThan(1e-6);
  });

  it("for one layer, is the single-scale minimiser", () => {
    const found = numericPerLayerScales(moments, 0.1, [6]);
    expectClose(found.rho, singleScaleRho(moments, 0.1), FLOAT64, "L = 1");
  });

  it("rejects non-positive starts", () => {
    expect(() => numericPerLayerScales(moments, 0.1, [1, 0])).toThrow(/start = \[1, 0\]; expected positive finite layer scales/);
  });
});
