import { describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { forwardHost } from "../../src/nets/forwardHost.ts";
import { initWeights } from "../../src/nets/initWeights.ts";
import { layerShapes, validateMlpConfig, type MlpConfig } from "../../src/nets/mlp.ts";
import { normalizedForm } from "../../src/nets/normalizedForm.ts";
import { squareLossHost } from "../../src/nets/squareLossHost.ts";
import { weightMatrices } from "../../src/nets/weightMatrices.ts";
import { createRng } from "../../src/random/rng.ts";
import { TOLERANCE } from "../../src/tolerances.ts";

const configs = fc.record({
  inputDim: fc.integer({ min: 1, max: 8 }),
  hidden: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }),
  outputDim: fc.integer({ min: 1, max: 5 }),
  normalization: fc.constantFrom("none" as const, "weight" as const),
});

function randomInputs(n: number, d: number, seed: number): Matrix {
  const rng = createRng(seed);
  return Matrix.from1DArray(n, d, Array.from({ length: n * d }, () => rng.normal()));
}

function relDiff(a: Matrix, b: Matrix): number {
  return a.clone().sub(b).norm() / Math.max(b.norm(), 1e-300);
}

describe("bias-free ReLU MLP", () => {
  test.prop([configs, fc.integer()])("f_W = ρ · f_V: the network is positively homogeneous (float64)", (config, seed) => {
    const weights = weightMatrices(initWeights(config, seed), config);
    const x = randomInputs(5, config.inputDim, seed);
    const { rho, directions, layerScales } = normalizedForm(weights);
    directions.forEach((v) => expect(v.norm()).toBeCloseTo(1, 12));
    expect(rho).toBeCloseTo(layerScales.reduce((a, b) => a * b, 1), 10);
    const fW = forwardHost(weights, x).at(-1)!;
    const fV = forwardHost(directions, x).at(-1)!;
    expect(relDiff(fW, fV.clone().mul(rho))).toBeLessThan(TOLERANCE.float64.relative);
  });

  test.prop([configs, fc.integer(), fc.double({ min: 0.01, max: 100, noNaN: true })])(
    "scaling one layer by c > 0 scales the output by c",
    (config, seed, c) => {
      const weights = weightMatrices(initWeights(config, seed), config);
      const x = randomInputs(4, config.inputDim, seed + 1);
      const k = Math.abs(seed) % weights.length;
      const scaled = weights.map((w, i) => (i === k ? w.clone().mul(c) : w));
      const f = forwardHost(weights, x).at(-1)!;
      const g = forwardHost(scaled, x).at(-1)!;
      expect(relDiff(g, f.clone().mul(c))).toBeLessThan(TOLERANCE.float64.relative);
    },
  );

  it("activations have the documented shapes and hidden ones are non-negative", () => {
    const config: MlpConfig = { inputDim: 3, hidden: [4, 5], outputDim: 2, normalization: "none" };
    const acts = forwardHost(weightMatrices(initWeights(config, 1), config), randomInputs(6, 3, 2));
    expect(acts.map((a) => [a.rows, a.columns])).toEqual([[6, 3], [6, 4], [6, 5], [6, 2]]);
    for (const h of acts.slice(1, -1)) expect(h.min()).toBeGreaterThanOrEqual(0);
    expect(layerShapes(config)).toEqual([[4, 3], [5, 4], [2, 5]]);
  });

  it("the square loss is the mean over samples of the summed squared errors", () => {
    const out = new Matrix([[1, 2], [0, 0]]);
    expect(squareLossHost(out, Float32Array.from([0, 2, 1, 1]))).toBe((1 + 0 + 1 + 1) / 2);
    expect(() => squareLossHost(out, new Float32Array(3))).toThrow(/targets has length 3; expected N × C = 2 × 2 = 4/);
  });

  it("rejects bad configurations and shapes, naming them", () => {
    const ok: MlpConfig = { inputDim: 3, hidden: [4], outputDim: 2, normalization: "none" };
    expect(() => validateMlpConfig({ ...ok, inputDim: 0 })).toThrow(/inputDim = 0/);
    expect(() => validateMlpConfig({ ...ok, hidden: [4, -1] })).toThrow(/hidden\[1\] = -1/);
    expect(() => validateMlpConfig({ ...ok, normalization: "batch" as "none" })).toThrow(/normalization = "batch"/);
    expect(() => weightMatrices([new Float32Array(12)], ok)).toThrow(/got 1 layers; expected L = 2/);
    expect(() => weightMatrices([new Float32Array(11), new Float32Array(8)], ok)).toThrow(/layer 1 has 11 entries; expected 4 × 3 = 12/);
    expect(() => forwardHost([new Matrix(4, 2)], new Matrix(1, 3))).toThrow(/weights\[0\] has shape \[4, 2\].*in_k = 3/);
    expect(() => forwardHost([], new Matrix(1, 3))).toThrow(/weights is empty/);
    expect(() => normalizedForm([new Matrix(2, 2)])).toThrow(/layer 1 has ‖W_k‖_F = 0/);
  });
});
