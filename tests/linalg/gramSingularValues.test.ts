/**
 * `gramSingularValues`: singular values from the Gram matrix's eigenvalues, within
 * GRAM_SINGULAR_VALUE_TOLERANCE · σ₁ of the exact ones — checked on matrices with known spectra
 * spanning nine decades and against `singularValues` (Householder QR, then SVD); and the
 * eigenvalue routine it uses against ml-matrix's.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { GRAM_SINGULAR_VALUE_TOLERANCE, gramSingularValues, singularValues, thinSvd } from "../../src/linalg/index.ts";
import { symmetricEigenvalues } from "../../src/linalg/symmetricEigenvalues.ts";
import { neuralCollapse } from "../../src/metrics/index.ts";
import { gaussianMatrix } from "./random.ts";

/** `U diag(sigma) Vᵀ` with orthonormal U `[m, k]`, V `[n, k]` from thin SVDs of Gaussian matrices (cheap for tall m). */
function tallWithSpectrum(seed: number, m: number, n: number, sigma: readonly number[]): Matrix {
  const u = thinSvd(gaussianMatrix(seed, m, sigma.length)).u;
  const v = thinSvd(gaussianMatrix(seed + 1, n, sigma.length)).u;
  return u.mmul(Matrix.diag([...sigma])).mmul(v.transpose());
}

const maxError = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i]! - b[i]!));
  return e;
};

describe("gramSingularValues", () => {
  it("recovers a known spectrum from 1 down to 1e-9 within the stated tolerance (tall 3 000 × 40, and its transpose)", () => {
    const sigma = Array.from({ length: 40 }, (_, i) => 10 ** (-9 * (i / 39)));
    const a = tallWithSpectrum(7, 3000, 40, sigma);
    for (const m of [a, a.transpose()]) {
      const s = gramSingularValues(m);
      const err = maxError(s, sigma);
      expect(err, `max |σ̂ − σ| = ${err.toExponential(2)} (σ₁ = 1)`).toBeLessThanOrEqual(GRAM_SINGULAR_VALUE_TOLERANCE);
      // singular values ≥ 1e-3 σ₁ are much more accurate than the uniform bound
      sigma.forEach((x, i) => {
        if (x >= 1e-3) expect(Math.abs(s[i]! - x) / x).toBeLessThan(1e-8);
      });
    }
  });

  it("agrees with singularValues on Gaussian features (4 000 × 128, scale 3) within the tolerance", () => {
    const a = gaussianMatrix(11, 4000, 128, 3);
    const exact = singularValues(a);
    const err = maxError(gramSingularValues(a), exact);
    expect(err / exact[0]!).toBeLessThanOrEqual(GRAM_SINGULAR_VALUE_TOLERANCE);
  });

  it("is deterministic and handles rank deficiency, zero and empty matrices", () => {
    const a = gaussianMatrix(3, 500, 30);
    expect(Array.from(gramSingularValues(a))).toEqual(Array.from(gramSingularValues(a)));
    // rank 10: the other 20 singular values are 0 up to the tolerance (never NaN: λ < 0 clamps to 0)
    const low = gaussianMatrix(4, 500, 10).mmul(gaussianMatrix(5, 10, 30));
    const s = gramSingularValues(low);
    expect(s.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    expect(Math.max(...s.slice(10)) / s[0]!).toBeLessThanOrEqual(GRAM_SINGULAR_VALUE_TOLERANCE);
    expect(Array.from(gramSingularValues(new Matrix(4, 3)))).toEqual([0, 0, 0]);
    expect(gramSingularValues(new Matrix(0, 3)).length).toBe(0);
    expect(() => gramSingularValues(new Matrix([[1, Number.NaN]]))).toThrow(/non-finite/);
  });

  it("neuralCollapse's featureSpectrum is gramSingularValues of the features, the other metrics unchanged", () => {
    const features = gaussianMatrix(8, 600, 20);
    const labels = Array.from({ length: 600 }, (_, i) => i % 4);
    const w = gaussianMatrix(9, 4, 20);
    const plain = neuralCollapse(w, features, labels, 4);
    const withSpectrum = neuralCollapse(w, features, labels, 4, { featureSpectrum: true });
    expect(Array.from(withSpectrum.featureSpectrum!)).toEqual(Array.from(gramSingularValues(features)));
    expect({ ...withSpectrum, featureSpectrum: undefined }).toEqual({ ...plain, featureSpectrum: undefined });
    expect(plain.featureSpectrum).toBeUndefined();
  });
});

describe("symmetricEigenvalues (tridiagonalisation + implicit QL, values only)", () => {
  it("equals ml-matrix's EigenvalueDecomposition on random symmetric matrices", () => {
    for (const [seed, n] of [[1, 1], [2, 2], [3, 5], [4, 17], [5, 60]] as const) {
      const g = gaussianMatrix(seed, n, n);
      const s = g.add(g.transpose());
      const ref = new EigenvalueDecomposition(s, { assumeSymmetric: true }).realEigenvalues.sort((x, y) => x - y);
      const scale = Math.max(1, ...ref.map(Math.abs));
      expect(maxError(symmetricEigenvalues(Float64Array.from(s.to1DArray()), n), ref) / scale).toBeLessThan(1e-13);
    }
  });
});
