/**
 * `distanceToRank` (src/metrics/distanceToRank.ts): known spectra, sums of outer products, and the
 * invariances of a distance of W/‖W‖_F to the rank-≤ r matrices.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { distanceToRank } from "../../src/metrics/index.ts";
import { FLOAT64, expectClose } from "../tolerances.ts";
import { EXACT_RUNS, gaussianMatrix, matrixWithSpectrum, orthogonalMatrix, seedArb } from "../linalg/random.ts";

const runs = { numRuns: EXACT_RUNS };

const spectra = fc.record({
  seed: seedArb,
  m: fc.integer({ min: 1, max: 10 }),
  n: fc.integer({ min: 1, max: 10 }),
  sigma: fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 1, maxLength: 10 }),
  r: fc.integer({ min: 0, max: 11 }),
});

function sumOfOuterProducts(seed: number, m: number, n: number, r: number): Matrix {
  const w = new Matrix(m, n);
  for (let k = 0; k < r; k++) w.add(gaussianMatrix(seed + 2 * k, m, 1).mmul(gaussianMatrix(seed + 2 * k + 1, 1, n)));
  return w;
}

describe("distanceToRank", () => {
  test.prop([spectra], runs)("of U diag(σ) Vᵀ is σ_{r+1}/‖σ‖ (spectral) and ‖σ_{>r}‖/‖σ‖ (Frobenius)", ({ seed, m, n, sigma, r }) => {
    const s = [...sigma.slice(0, Math.min(m, n))].sort((a, b) => b - a);
    const w = matrixWithSpectrum(seed, m, n, s);
    const norm = Math.sqrt(s.reduce((a, x) => a + x * x, 0));
    const d = distanceToRank(w, r);
    expectClose(d.spectral, (s[r] ?? 0) / norm, FLOAT64, "spectral distance");
    expectClose(d.frobenius, Math.sqrt(s.slice(r).reduce((a, x) => a + x * x, 0)) / norm, FLOAT64, "Frobenius distance");
    expect(d.spectral).toBeLessThanOrEqual(d.frobenius + FLOAT64.abs);
    expect(d.frobenius).toBeLessThanOrEqual(1 + FLOAT64.rel);
  });

  test.prop([seedArb, fc.integer({ min: 2, max: 9 }), fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 8 })], runs)(
    "a sum of B random outer products is at distance 0 from rank B and at positive distance from rank B − 1",
    (seed, m, n, b) => {
      fc.pre(b < Math.min(m, n));
      const w = sumOfOuterProducts(seed, m, n, b);
      if (b === 0) {
        expect(distanceToRank(w, 0)).toEqual({ rank: 0, spectral: 0, frobenius: 0 });
        return;
      }
      expect(distanceToRank(w, b).frobenius).toBeLessThan(1e-12);
      expect(distanceToRank(w, b - 1).spectral).toBeGreaterThan(1e-9);
    },
  );

  test.prop([seedArb, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.double({ min: -100, max: 100, noNaN: true })], runs)(
    "is invariant under scaling and rotations (QWR)",
    (seed, n, r, t) => {
      fc.pre(Math.abs(t) > 1e-3);
      const w = gaussianMatrix(seed, n + 2, n);
      const q = orthogonalMatrix(seed + 1, n + 2);
      const p = orthogonalMatrix(seed + 2, n);
      const a = distanceToRank(w, r);
      const b = distanceToRank(q.mmul(w).mmul(p).mul(t), r);
      expectClose(b.spectral, a.spectral, FLOAT64, "spectral");
      expectClose(b.frobenius, a.frobenius, FLOAT64, "Frobenius");
    },
  );

  it("documented examples and degenerate cases", () => {
    expect(distanceToRank(new Matrix([[3, 0], [0, 4]]), 1).spectral).toBeCloseTo(3 / 5, 15);
    expect(distanceToRank(new Matrix([[3, 0], [0, 4]]), 0).frobenius).toBeCloseTo(1, 15);
    expect(distanceToRank(new Matrix([[3, 0], [0, 4]]), 2)).toEqual({ rank: 2, spectral: 0, frobenius: 0 });
    expect(distanceToRank(new Matrix(2, 3), 1)).toEqual({ rank: 1, spectral: 0, frobenius: 0 });
  });

  it("rejects a bad rank or matrix, naming the argument", () => {
    expect(() => distanceToRank(new Matrix([[1]]), -1)).toThrow(/distanceToRank: rank is -1; expected an integer ≥ 0/);
    expect(() => distanceToRank(new Matrix([[1]]), 0.5)).toThrow(/rank is 0.5/);
    expect(() => distanceToRank(new Matrix([[Number.NaN]]), 0)).toThrow(/distanceToRank: w has a non-finite entry/);
  });
});
