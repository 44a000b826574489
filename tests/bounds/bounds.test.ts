import { describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import {
  balanceConstant,
  cnnGeneralizationBound,
  cnnRademacherBound,
  complexityFactor,
  denseNormProduct,
  denseRademacherBound,
  kernelNormProduct,
  marginError,
  maxPixelNormSum,
  pixelNormSums,
} from "../../src/bounds/index.ts";
import type { ConvNetConfig } from "../../src/nets/convNet.ts";

const LOG2 = Math.log(2);

describe("Rademacher bounds on hand-computed cases", () => {
  it("Corollary 3.3: (ρ/m)(1 + √(2(L log 2 + Σ log k_l + log C)))√(∏k_l · max_j Σ_i z_j²)", () => {
    // ρ = 2, m = 4, L = 2, k = [2], C = 2, max pixel sum 8: (1/2)(1 + √(8 log 2))·√16.
    const value = cnnRademacherBound({ rho: 2, m: 4, depth: 2, kernelSizes: [2], outputs: 2, maxPixelNormSum: 8 });
    expect(value).toBeCloseTo(0.5 * (1 + Math.sqrt(8 * LOG2)) * 4, 12);
    expect(value).toBeCloseTo(6.709_64, 5);
  });

  it("Golowich et al. with ρ̃: for C = 1 the factor is √(2 log(2) L) + 1", () => {
    const value = denseRademacherBound({ rhoTilde: 3, m: 9, depth: 1, outputs: 1, sumSquaredNorms: 16 });
    expect(value).toBeCloseTo((3 / 9) * (Math.sqrt(2 * LOG2) + 1) * 4, 12);
    expect(complexityFactor(3, 0, 1)).toBeCloseTo(Math.sqrt(2 * LOG2 * 3) + 1, 12);
  });

  it("tree CNN vs dense on inputs with equal pixel norms: the squared ratio is 2^{L(L−1)/2 + 1} times the factor ratio", () => {
    for (let L = 2; L <= 8; L++) {
      const d0 = 2 ** L;
      const m = 10;
      const pixelSum = m; // every pixel has z² = 1 in every sample
      const rho = 1.7;
      const rhoTilde = rho * Math.sqrt(2 ** ((L * (L - 1)) / 2)); // ∏_{l<L} d_l with d_l = 2^{L−l}
      const kernels = Array.from({ length: L - 1 }, () => 2);
      const cnn = cnnRademacherBound({ rho, m, depth: L, kernelSizes: kernels, outputs: 2, maxPixelNormSum: pixelSum });
      const dense = denseRademacherBound({ rhoTilde, m, depth: L, outputs: 2, sumSquaredNorms: m * d0 });
      const factors = complexityFactor(L, 0, 2) / complexityFactor(L, (L - 1) * LOG2, 2);
      expect(Math.log2((dense / cnn / factors) ** 2)).toBeCloseTo((L * (L - 1)) / 2 + 1, 9);
    }
  });

  it("rejects invalid inputs, naming them", () => {
    expect(() => cnnRademacherBound({ rho: 1, m: 0, depth: 2, kernelSizes: [2], outputs: 2, maxPixelNormSum: 1 })).toThrow(/m = 0/);
    expect(() => cnnRademacherBound({ rho: 1, m: 1, depth: 3, kernelSizes: [2], outputs: 2, maxPixelNormSum: 1 })).toThrow(/kernelSizes has 1 entries; expected depth − 1 = 2/);
    expect(() => denseRademacherBound({ rhoTilde: Number.NaN, m: 1, depth: 1, outputs: 1, sumSquaredNorms: 1 })).toThrow(/rhoTilde = NaN/);
  });
});

describe("margin error and the Theorem 3.2 bound", () => {
  const outputs = new Matrix([
    [2, 0],
    [0.5, 0],
    [0, 1],
    [0.2, 0.1],
  ]);
  const labels = [0, 0, 0, 1];

  it("err^γ counts samples whose margin f_y − max_{j≠y} f_j is at most γ", () => {
    // margins: 2, 0.5, −1, −0.1
    expect(marginError(outputs, labels, 0)).toBe(2 / 4);
    expect(marginError(outputs, labels, 0.5)).toBe(3 / 4);
    expect(marginError(outputs, labels, 1)).toBe(3 / 4);
    expect(marginError(outputs, labels, 2)).toBe(1);
    expect(() => marginError(outputs, [0], 1)).toThrow(/labels has length 1/);
  });

  it("err^γ_S + 2√2(ρ+1)/(γm)·factor·√(∏k·maxΣz²) + 3√(log(2(ρ+2)²/δ)/(2m))", () => {
    const b = cnnGeneralizationBound({ rho: 3, m: 100, depth: 2, kernelSizes: [2], outputs: 2, maxPixelNormSum: 50, marginError: 0.1, gamma: 1, delta: 0.001 });
    const complexity = ((2 * Math.SQRT2 * 4) / 100) * (1 + Math.sqrt(2 * (2 * LOG2 + LOG2 + LOG2))) * Math.sqrt(100);
    const confidence = 3 * Math.sqrt(Math.log((2 * 25) / 0.001) / 200);
    expect(b.complexityTerm).toBeCloseTo(complexity, 12);
    expect(b.confidenceTerm).toBeCloseTo(confidence, 12);
    expect(b.bound).toBeCloseTo(0.1 + complexity + confidence, 12);
    expect(() => cnnGeneralizationBound({ ...b, rho: 3, m: 100, depth: 2, kernelSizes: [2], outputs: 2, maxPixelNormSum: 50, delta: 1 })).toThrow(/delta = 1/);
  });

  test.prop([fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true })])(
    "the bound grows with ρ and shrinks with γ",
    (rho, extra) => {
      const base = { m: 50, depth: 3, kernelSizes: [2, 2], outputs: 2, maxPixelNormSum: 20, marginError: 0 };
      const a = cnnGeneralizationBound({ ...base, rho });
      const b = cnnGeneralizationBound({ ...base, rho: rho + extra });
      expect(b.bound).toBeGreaterThanOrEqual(a.bound);
      expect(cnnGeneralizationBound({ ...base, rho, gamma: 2 }).complexityTerm).toBeCloseTo(a.complexityTerm / 2, 10);
    },
  );
});

describe("data terms and norms", () => {
  it("pixel sums, their max, and the balance constant β", () => {
    const x = new Matrix([
      [1, 1, 1, 1],
      [2, 0, 0, 0],
    ]);
    expect(Array.from(pixelNormSums(x))).toEqual([5, 1, 1, 1]);
    expect(maxPixelNormSum(x)).toBe(5);
    // Sample 2 has all its norm in one of 4 pixels: β = d_0 = 4; sample 1 is perfectly balanced.
    expect(balanceConstant(x)).toBe(4);
    expect(balanceConstant(x.getRowVector(0))).toBe(1);
    // Two channels per pixel: pixel j is the pair of columns (2j, 2j + 1).
    expect(Array.from(pixelNormSums(x, 2))).toEqual([6, 2]);
    expect(() => pixelNormSums(x, 3)).toThrow(/channels = 3 does not divide the 4 input columns/);
  });

  it("ρ is the product of kernel norms; ρ̃ multiplies each conv layer by √(output positions)", () => {
    const config: ConvNetConfig = { kind: "conv", inputShape: [8], inputChannels: 1, conv: [{ kernel: 2, channels: 1 }, { kernel: 2, channels: 1 }], outputDim: 1, normalization: "none" };
    const weights = [new Matrix([[3, 4]]), new Matrix([[1, 0]]), new Matrix([[2, 0]])];
    expect(kernelNormProduct(weights)).toBe(5 * 1 * 2);
    // d_1 = 4, d_2 = 2 positions: ρ̃ = ρ √(4 · 2).
    expect(denseNormProduct(weights, config)).toBeCloseTo(10 * Math.sqrt(8), 12);
    expect(() => denseNormProduct(weights.slice(1), config)).toThrow(/got 2 weight matrices; the architecture has 3 layers/);
  });
});
