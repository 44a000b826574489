/** Frobenius and spectral norms (`src/linalg/frobeniusNorm.ts`, `spectralNorm.ts`). */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { frobeniusNorm, spectralNorm, thinSvd } from "../../src/linalg/index.ts";
import { FLOAT64, expectClose } from "../tolerances.ts";
import { EXACT_RUNS, gaussianMatrix, matrixSpecArb, orthogonalMatrix, seedArb } from "./random.ts";

const runs = { numRuns: EXACT_RUNS };

describe("frobeniusNorm", () => {
  test.prop([matrixSpecArb()], runs)("is √Tr(AᵀA)", ({ seed, m, n }) => {
    const a = gaussianMatrix(seed, m, n);
    expectClose(frobeniusNorm(a), Math.sqrt(a.transpose().mmul(a).trace()), FLOAT64, "‖A‖_F");
  });

  test.prop([matrixSpecArb(), seedArb, fc.double({ min: -10, max: 10, noNaN: true })], runs)(
    "is invariant under left rotation and absolutely homogeneous: ‖t Q A‖_F = |t| ‖A‖_F",
    ({ seed, m, n }, seedQ, t) => {
      const a = gaussianMatrix(seed, m, n);
      const moved = orthogonalMatrix(seedQ, m).mmul(a).mul(t);
      expectClose(frobeniusNorm(moved), Math.abs(t) * frobeniusNorm(a), FLOAT64, "‖t Q A‖_F");
    },
  );

  it("is 5 for diag(3, 4) and 0 for zero and empty matrices", () => {
    expect(frobeniusNorm(Matrix.diag([3, 4]))).toBe(5);
    expect(frobeniusNorm(new Matrix(3, 2))).toBe(0);
    expect(frobeniusNorm(new Matrix(0, 2))).toBe(0);
  });
});

describe("spectralNorm", () => {
  test.prop([matrixSpecArb(), seedArb], runs)(
    "bounds ‖A x‖/‖x‖ and is attained at the top right singular vector",
    ({ seed, m, n }, seedX) => {
      const a = gaussianMatrix(seed, m, n);
      const norm = spectralNorm(a);
      const x = gaussianMatrix(seedX, n, 1);
      expect(frobeniusNorm(a.mmul(x)) / frobeniusNorm(x)).toBeLessThanOrEqual(norm * (1 + FLOAT64.rel));
      const v1 = thinSvd(a).v.getColumnVector(0);
      expectClose(frobeniusNorm(a.mmul(v1)), norm, FLOAT64, "‖A v₁‖");
    },
  );

  test.prop([matrixSpecArb()], runs)("lies between ‖A‖_F/√rank and ‖A‖_F", ({ seed, m, n }) => {
    const a = gaussianMatrix(seed, m, n);
    const fro = frobeniusNorm(a);
    const norm = spectralNorm(a);
    expect(norm).toBeLessThanOrEqual(fro * (1 + FLOAT64.rel));
    expect(norm).toBeGreaterThanOrEqual((fro / Math.sqrt(Math.min(m, n))) * (1 - FLOAT64.rel));
  });

  it("is the largest |d_i| of a diagonal matrix and 0 for zero and empty matrices", () => {
    expectClose(spectralNorm(Matrix.diag([3, -4, 1])), 4, FLOAT64, "‖diag(3, −4, 1)‖₂");
    expect(spectralNorm(new Matrix(2, 2))).toBe(0);
    expect(spectralNorm(new Matrix(2, 0))).toBe(0);
  });

  it("rejects non-finite entries", () => {
    expect(() => spectralNorm(new Matrix([[1, Number.NaN]]))).toThrow("spectralNorm: a has a non-finite entry NaN");
    expect(() => frobeniusNorm(new Matrix([[Number.NEGATIVE_INFINITY]]))).toThrow(
      "frobeniusNorm: a has a non-finite entry -Infinity at row 0, column 0",
    );
  });
});

describe("extreme magnitudes", () => {
  it("neither underflows nor overflows for tiny or huge entries", () => {
    expectClose(frobeniusNorm(Matrix.diag([3e-170, 4e-170])), 5e-170, FLOAT64, "‖diag(3, 4)·1e-170‖_F");
    expectClose(frobeniusNorm(Matrix.diag([3e170, 4e170])), 5e170, FLOAT64, "‖diag(3, 4)·1e170‖_F");
    expectClose(spectralNorm(new Matrix([[1e-170], [1e-170], [0]])), Math.SQRT2 * 1e-170, FLOAT64, "‖(1, 1, 0)·1e-170‖₂");
  });
});
