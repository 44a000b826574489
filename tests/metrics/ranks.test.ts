/**
 * Numerical, stable and effective rank (`src/metrics/numericalRank.ts`, `stableRank.ts`,
 * `effectiveRank.ts`; CLAIMS.md "Conventions", Rank): matrices of known rank and spectrum.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { DEFAULT_RANK_TOLERANCE, effectiveRank, numericalRank, stableRank } from "../../src/metrics/index.ts";
import { FLOAT64, expectClose } from "../tolerances.ts";
import {
  EXACT_RUNS,
  gaussianMatrix,
  matrixSpecArb,
  matrixWithSpectrum,
  orthogonalMatrix,
  seedArb,
} from "../linalg/random.ts";

const runs = { numRuns: EXACT_RUNS };

/** A rank-r matrix `[m, n]` (r < min(m, n)) as a sum of r random outer products. */
const lowRankArb = fc
  .record({
    seed: seedArb,
    m: fc.integer({ min: 2, max: 12 }),
    n: fc.integer({ min: 2, max: 12 }),
    r: fc.integer({ min: 0, max: 11 }),
  })
  .filter(({ m, n, r }) => r < Math.min(m, n));

function sumOfOuterProducts(seed: number, m: number, n: number, r: number): Matrix {
  const w = new Matrix(m, n);
  for (let k = 0; k < r; k++) w.add(gaussianMatrix(seed + 2 * k, m, 1).mmul(gaussianMatrix(seed + 2 * k + 1, 1, n)));
  return w;
}

/** Spectra of r values in [1, 10]: all above τ‖W‖_F since ‖W‖_F ≤ 10√r ≤ 40 and τ = 1e-3. */
const spectrumArb = fc.array(fc.double({ min: 1, max: 10, noNaN: true }), { minLength: 1, maxLength: 11 });

describe("numericalRank", () => {
  test.prop([lowRankArb], runs)(
    "of a sum of r random outer products is r (at a tolerance just above float64 rounding)",
    ({ seed, m, n, r }) => {
      expect(numericalRank(sumOfOuterProducts(seed, m, n, r), 1e-9)).toBe(r);
    },
  );

  test.prop([lowRankArb, spectrumArb], runs)(
    "of U diag(σ) Vᵀ with σ_i ∈ [1, 10] is r at the default tolerance, and ignores added noise below it",
    ({ seed, m, n, r }, spectrum) => {
      const sigma = spectrum.slice(0, Math.max(r, 1)).slice(0, Math.min(m, n) - 1);
      const w = matrixWithSpectrum(seed, m, n, sigma);
      expect(numericalRank(w)).toBe(sigma.length);
      // Noise of spectral norm ≤ ‖N‖_F = 1e-6 · ‖W‖_F moves each σ_i by at most that: still below τ‖W‖_F.
      const noise = gaussianMatrix(seed + 7, m, n);
      const wNorm = Math.sqrt(sigma.reduce((s, x) => s + x * x, 0));
      const scale = (1e-6 * wNorm) / Math.sqrt(noise.transpose().mmul(noise).trace());
      expect(numericalRank(w.clone().add(noise.mul(scale)))).toBe(sigma.length);
    },
  );

  it("counts σ_i/‖W‖_F strictly above the tolerance, relative to the Frobenius norm (not σ_max)", () => {
    // σ = (1, 1, 1, 1): ‖W‖_F = 2, each σ_i/‖W‖_F = 1/2.
    expect(numericalRank(Matrix.eye(4), 0.5)).toBe(0);
    expect(numericalRank(Matrix.eye(4), 0.4999)).toBe(4);
    expect(numericalRank(Matrix.diag([1, 1e-6]))).toBe(1);
    expect(DEFAULT_RANK_TOLERANCE).toBe(1e-3);
  });

  test.prop([matrixSpecArb(), seedArb, seedArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true })], runs)(
    "is invariant under rotations and scaling",
    ({ seed, m, n }, seed1, seed2, t) => {
      const w = gaussianMatrix(seed, m, n);
      const moved = orthogonalMatrix(seed1, m).mmul(w).mmul(orthogonalMatrix(seed2, n)).mul(t);
      expect(numericalRank(moved)).toBe(numericalRank(w));
    },
  );

  it("is 0 for zero and empty matrices and rejects a tolerance outside [0, 1)", () => {
    expect(numericalRank(new Matrix(3, 4))).toBe(0);
    expect(numericalRank(new Matrix(0, 4))).toBe(0);
    expect(() => numericalRank(Matrix.eye(2), 1)).toThrow("numericalRank: tol is 1; expected a number in [0, 1)");
    expect(() => numericalRank(Matrix.eye(2), -0.1)).toThrow("numericalRank: tol is -0.1");
  });
});

describe("stableRank", () => {
  test.prop([lowRankArb, spectrumArb], runs)("is Σσ²/σ_max² for a prescribed spectrum", ({ seed, m, n, r }, spectrum) => {
    const sigma = spectrum.slice(0, Math.max(r, 1)).slice(0, Math.min(m, n)).sort((a, b) => b - a);
    const expected = sigma.reduce((s, x) => s + x * x, 0) / (sigma[0] as number) ** 2;
    expectClose(stableRank(matrixWithSpectrum(seed, m, n, sigma)), expected, FLOAT64, "stable rank");
  });

  test.prop([matrixSpecArb(), fc.double({ min: 0, max: 0.5, noNaN: true })], runs)(
    "is at least 1 and at most the numerical rank (up to the mass of the dropped singular values)",
    ({ seed, m, n }, tol) => {
      const w = gaussianMatrix(seed, m, n);
      const sr = stableRank(w);
      const k = numericalRank(w, tol);
      // Dropped σ_i ≤ τ‖W‖_F, so Σσ² ≤ k σ_max² + (min(m,n) − k) τ² ‖W‖_F², i.e.
      // sr ≤ k / (1 − (min − k) τ²) (vacuous when the denominator is ≤ 0).
      const denominator = 1 - (Math.min(m, n) - k) * tol * tol;
      const bound = denominator > 0 ? k / denominator : Number.POSITIVE_INFINITY;
      expect(sr).toBeGreaterThanOrEqual(1 - FLOAT64.rel);
      expect(sr).toBeLessThanOrEqual(bound * (1 + FLOAT64.rel));
    },
  );

  it("is r for r equal singular values, and 0 for the zero matrix", () => {
    expectClose(stableRank(matrixWithSpectrum(3, 6, 5, [2, 2, 2])), 3, FLOAT64, "stable rank");
    expect(stableRank(new Matrix(2, 3))).toBe(0);
  });
});

describe("effectiveRank", () => {
  test.prop([lowRankArb, spectrumArb], runs)(
    "lies between 1 and the rank, and equals exp(entropy of σ/Σσ)",
    ({ seed, m, n, r }, spectrum) => {
      const sigma = spectrum.slice(0, Math.max(r, 1)).slice(0, Math.min(m, n));
      const w = matrixWithSpectrum(seed, m, n, sigma);
      const erank = effectiveRank(w);
      const total = sigma.reduce((s, x) => s + x, 0);
      const entropy = -sigma.reduce((s, x) => s + (x / total) * Math.log(x / total), 0);
      expectClose(erank, Math.exp(entropy), FLOAT64, "effective rank");
      expect(erank).toBeGreaterThanOrEqual(1 - FLOAT64.rel);
      expect(erank).toBeLessThanOrEqual(sigma.length * (1 + FLOAT64.rel));
    },
  );

  test.prop([matrixSpecArb(), seedArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true })], runs)(
    "is invariant under rotation and scaling",
    ({ seed, m, n }, seedQ, t) => {
      const w = gaussianMatrix(seed, m, n);
      expectClose(effectiveRank(orthogonalMatrix(seedQ, m).mmul(w).mul(t)), effectiveRank(w), FLOAT64, "effective rank");
    },
  );

  it("is r for r equal singular values, 1 for rank one, and 0 for the zero matrix", () => {
    expectClose(effectiveRank(matrixWithSpectrum(5, 7, 6, [3, 3, 3, 3])), 4, FLOAT64, "effective rank");
    expectClose(effectiveRank(sumOfOuterProducts(9, 5, 4, 1)), 1, FLOAT64, "effective rank of an outer product");
    expect(effectiveRank(new Matrix(3, 3))).toBe(0);
    expect(() => effectiveRank(new Matrix([[Number.NaN]]))).toThrow("effectiveRank: w has a non-finite entry NaN");
    expect(() => stableRank(new Matrix([[Number.NaN]]))).toThrow("stableRank: w has a non-finite entry NaN");
  });
});
