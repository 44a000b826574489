/**
 * Singular values and the thin SVD (`src/linalg/singularValues.ts`, `thinSvd.ts`): reconstruction,
 * invariances and known spectra, on seeded random matrices (tall, wide, square).
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { frobeniusNorm, singularValues, thinSvd } from "../../src/linalg/index.ts";
import { FLOAT64, expectClose, expectMatrixClose } from "../tolerances.ts";
import {
  EXACT_RUNS,
  gaussianMatrix,
  matrixSpecArb,
  matrixWithSpectrum,
  orthogonalMatrix,
  seedArb,
} from "./random.ts";

const runs = { numRuns: EXACT_RUNS };

describe("thinSvd", () => {
  test.prop([matrixSpecArb()], runs)("reconstructs the matrix: U diag(s) Vᵀ = A", ({ seed, m, n }) => {
    const a = gaussianMatrix(seed, m, n);
    const { u, s, v } = thinSvd(a);
    const k = Math.min(m, n);
    expect([u.rows, u.columns, s.length, v.rows, v.columns]).toEqual([m, k, k, n, k]);
    expectMatrixClose(u.mmul(Matrix.diag(Array.from(s))).mmul(v.transpose()), a, FLOAT64, "U diag(s) Vᵀ");
  });

  test.prop([matrixSpecArb()], runs)("has orthonormal singular vectors: UᵀU = VᵀV = I", ({ seed, m, n }) => {
    const { u, v } = thinSvd(gaussianMatrix(seed, m, n));
    const k = Math.min(m, n);
    expectMatrixClose(u.transpose().mmul(u), Matrix.eye(k), FLOAT64, "UᵀU");
    expectMatrixClose(v.transpose().mmul(v), Matrix.eye(k), FLOAT64, "VᵀV");
  });

  it("returns empty factors for empty matrices", () => {
    const { u, s, v } = thinSvd(new Matrix(0, 3));
    expect([u.rows, u.columns, s.length, v.rows, v.columns]).toEqual([0, 0, 0, 3, 0]);
  });
});

describe("singularValues", () => {
  test.prop([matrixSpecArb()], runs)("are descending, non-negative and agree with the thin SVD", ({ seed, m, n }) => {
    const a = gaussianMatrix(seed, m, n);
    const s = singularValues(a);
    expect(s.length).toBe(Math.min(m, n));
    for (let i = 0; i < s.length; i++) {
      expect(s[i]).toBeGreaterThanOrEqual(0);
      if (i > 0) expect(s[i]).toBeLessThanOrEqual(s[i - 1] as number);
    }
    // Tall and wide inputs go through the Householder reduction; the thin SVD does not.
    expectMatrixClose(s, thinSvd(a).s, FLOAT64, "singularValues vs thinSvd");
  });

  test.prop([matrixSpecArb(40)], { numRuns: Math.ceil(EXACT_RUNS / 5) })(
    "on larger tall and wide matrices equal ml-matrix's SVD of the full matrix",
    ({ seed, m, n }) => {
      const a = gaussianMatrix(seed, m, n);
      const reference = new SingularValueDecomposition(a, {
        computeLeftSingularVectors: false,
        computeRightSingularVectors: false,
        autoTranspose: true,
      }).diagonal;
      expectMatrixClose(singularValues(a), reference, FLOAT64, "singularValues vs ml-matrix");
    },
  );

  test.prop([matrixSpecArb(), seedArb, seedArb], runs)(
    "are invariant under orthogonal rotations: σ(Q₁ A Q₂) = σ(A)",
    ({ seed, m, n }, seed1, seed2) => {
      const a = gaussianMatrix(seed, m, n);
      const rotated = orthogonalMatrix(seed1, m).mmul(a).mmul(orthogonalMatrix(seed2, n));
      expectMatrixClose(singularValues(rotated), singularValues(a), FLOAT64, "σ(Q₁ A Q₂)");
    },
  );

  test.prop([matrixSpecArb()], runs)("are invariant under transposition: σ(Aᵀ) = σ(A)", ({ seed, m, n }) => {
    const a = gaussianMatrix(seed, m, n);
    expectMatrixClose(singularValues(a.transpose()), singularValues(a), FLOAT64, "σ(Aᵀ)");
  });

  test.prop([matrixSpecArb()], runs)("have Σ σ_i² = ‖A‖_F²", ({ seed, m, n }) => {
    const a = gaussianMatrix(seed, m, n);
    const sumSq = singularValues(a).reduce((acc, x) => acc + x * x, 0);
    expectClose(sumSq, frobeniusNorm(a) ** 2, FLOAT64, "Σ σ_i²");
  });

  const diagonalArb = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 10 });

  test.prop([diagonalArb, fc.nat(5)], runs)(
    "of a (rectangular) diagonal matrix are the sorted absolute diagonal entries",
    (diagonal, extraRows) => {
      const k = diagonal.length;
      const a = new Matrix(k + extraRows, k);
      diagonal.forEach((d, i) => a.set(i, i, d));
      const expected = diagonal.map(Math.abs).sort((x, y) => y - x);
      expectMatrixClose(singularValues(a), expected, FLOAT64, "σ(diag)");
      expectMatrixClose(singularValues(a.transpose()), expected, FLOAT64, "σ(diagᵀ)");
    },
  );

  test.prop(
    [matrixSpecArb(), fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 })],
    runs,
  )("recover a prescribed spectrum U diag(σ) Vᵀ, padded with zeros", ({ seed, m, n }, spectrum) => {
    const k = Math.min(m, n, spectrum.length);
    const sigma = spectrum.slice(0, k).sort((x, y) => y - x);
    const a = matrixWithSpectrum(seed, m, n, sigma);
    const expected = [...sigma, ...new Array<number>(Math.min(m, n) - k).fill(0)];
    expectMatrixClose(singularValues(a), expected, FLOAT64, "σ(U diag(σ) Vᵀ)");
  });

  it("are empty for 0 × n and n × 0 matrices, and zero for the zero matrix", () => {
    expect(singularValues(new Matrix(0, 4)).length).toBe(0);
    expect(singularValues(new Matrix(4, 0)).length).toBe(0);
    expect(Array.from(singularValues(new Matrix(5, 3)))).toEqual([0, 0, 0]);
    expect(Array.from(singularValues(new Matrix(3, 5)))).toEqual([0, 0, 0]);
  });

  it("rejects non-finite entries and non-matrices, naming the function and the entry", () => {
    const a = gaussianMatrix(1, 4, 3);
    a.set(2, 1, Number.NaN);
    expect(() => singularValues(a)).toThrow("singularValues: a has a non-finite entry NaN at row 2, column 1");
    a.set(2, 1, Number.POSITIVE_INFINITY);
    expect(() => thinSvd(a)).toThrow("thinSvd: a has a non-finite entry Infinity at row 2, column 1");
    expect(() => singularValues([[1, 2]] as unknown as Matrix)).toThrow(
      "singularValues: a is an array of length 1; expected an ml-matrix Matrix",
    );
  });
});
