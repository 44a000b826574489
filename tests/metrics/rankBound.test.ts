/**
 * `rankBound` (src/metrics/rankBound.ts), the right side of CLAIMS R1, on constructed matrices:
 * the bound σ_{B+1}(W)/‖W‖_F ≤ rankBound holds whenever the loss gradient has rank ≤ B, it is
 * attained, it is the step size in units of 2ηλ, and a wrong version (σ_B) is refuted.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { spectralNorm } from "../../src/linalg/index.ts";
import { distanceToRank, rankBound } from "../../src/metrics/index.ts";
import { FLOAT64, expectClose } from "../tolerances.ts";
import { EXACT_RUNS, gaussianMatrix, matrixWithSpectrum, seedArb } from "../linalg/random.ts";

const runs = { numRuns: EXACT_RUNS };

/** A sum of b random outer products `[m, n]` (rank b), scaled by `scale`. */
function lowRank(seed: number, m: number, n: number, b: number, scale: number): Matrix {
  const g = new Matrix(m, n);
  for (let k = 0; k < b; k++) g.add(gaussianMatrix(seed + 2 * k, m, 1).mmul(gaussianMatrix(seed + 2 * k + 1, 1, n)));
  return g.mul(scale);
}

const constructed = fc.record({
  seed: seedArb,
  m: fc.integer({ min: 1, max: 9 }),
  n: fc.integer({ min: 1, max: 9 }),
  b: fc.integer({ min: 0, max: 9 }),
  log10Lambda: fc.double({ min: -4, max: 1, noNaN: true }),
  log10Scale: fc.double({ min: -3, max: 3, noNaN: true }),
});

const leq = (lhs: number, rhs: number) => lhs <= rhs + FLOAT64.abs + FLOAT64.rel * rhs;

describe("rankBound", () => {
  test.prop([constructed], runs)(
    "for any W and any loss gradient of rank ≤ B: σ_{B+1}(W)/‖W‖_F ≤ spectral and the Frobenius tail ≤ frobenius",
    ({ seed, m, n, b, log10Lambda, log10Scale }) => {
      const w = gaussianMatrix(seed + 99, m, n);
      const g = lowRank(seed, m, n, b, 10 ** log10Scale);
      const bound = rankBound(w, g, 10 ** log10Lambda);
      const distance = distanceToRank(w, b);
      expect(leq(distance.spectral, bound.spectral)).toBe(true);
      expect(leq(distance.frobenius, bound.frobenius)).toBe(true);
      expect(bound.spectral).toBeLessThanOrEqual(bound.frobenius * (1 + FLOAT64.rel));
    },
  );

  test.prop([seedArb, fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 7 }), fc.double({ min: 1e-3, max: 10, noNaN: true })], runs)(
    "is attained: with ∇L = −2λ W_B (W truncated to rank B) it equals σ_{B+1}(W)/‖W‖_F, and then the σ_B version fails",
    (seed, n, b, lambda) => {
      fc.pre(b < n);
      const sigma = Array.from({ length: n }, (_, i) => n - i); // distinct: σ_B > σ_{B+1}
      const w = matrixWithSpectrum(seed, n, n, sigma);
      const truncated = matrixWithSpectrum(seed, n, n, sigma.map((s, i) => (i < b ? s : 0)));
      const bound = rankBound(w, truncated.mul(-2 * lambda), lambda);
      expectClose(bound.spectral, distanceToRank(w, b).spectral, FLOAT64, "attained bound");
      expect(distanceToRank(w, b - 1).spectral).toBeGreaterThan(bound.spectral * (1 + 1e-6)); // σ_B > bound: wrong version refuted
    },
  );

  test.prop([constructed, fc.double({ min: 1e-3, max: 1, noNaN: true })], runs)(
    "is the step size in units of 2ηλ: spectral = ‖ΔW‖₂/(2ηλ‖W‖_F) for ΔW = −η(∇L + 2λW)",
    ({ seed, m, n, b, log10Lambda, log10Scale }, eta) => {
      const lambda = 10 ** log10Lambda;
      const w = gaussianMatrix(seed + 7, m, n);
      const g = lowRank(seed, m, n, b, 10 ** log10Scale);
      const step = g.clone().add(w.clone().mul(2 * lambda)).mul(-eta);
      const bound = rankBound(w, g, lambda);
      expectClose(bound.spectral, spectralNorm(step) / (2 * eta * lambda * w.norm()), FLOAT64, "spectral step identity");
      expectClose(bound.frobenius, step.norm() / (2 * eta * lambda * w.norm()), FLOAT64, "Frobenius step identity");
    },
  );

  it("is 0 at a stationary point of the minibatch objective (∇L = −2λW)", () => {
    const w = new Matrix([[1, 2], [3, 4]]);
    expect(rankBound(w, w.clone().mul(-0.2), 0.1)).toEqual({ spectral: 0, frobenius: 0 });
    expect(rankBound(new Matrix([[1, 0], [0, 0]]), new Matrix([[-0.2, 0], [0, 0]]), 0.1).spectral).toBe(0);
  });

  it("rejects mismatched shapes, W = 0 and λ ≤ 0, naming the argument", () => {
    const w = new Matrix([[1, 0]]);
    expect(() => rankBound(w, new Matrix([[1], [0]]), 0.1)).toThrow(/lossGradient has shape \[2, 1\]; expected the shape of w, \[1, 2\]/);
    expect(() => rankBound(new Matrix(1, 2), new Matrix(1, 2), 0.1)).toThrow(/w \[1, 2\] is zero/);
    expect(() => rankBound(w, w, 0)).toThrow(/lambda is 0; expected a finite weight decay λ > 0/);
    expect(() => rankBound(w, w, Number.NaN)).toThrow(/lambda is NaN/);
  });
});
