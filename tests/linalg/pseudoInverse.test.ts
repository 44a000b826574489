/**
 * Moore–Penrose pseudo-inverse (`src/linalg/pseudoInverse.ts`): the four Penrose identities on
 * full-rank and rank-deficient seeded random matrices, and the cut-off.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix, inverse } from "ml-matrix";
import { defaultPseudoInverseTolerance, pseudoInverse } from "../../src/linalg/index.ts";
import { FLOAT64, expectMatrixClose } from "../tolerances.ts";
import { EXACT_RUNS, gaussianMatrix, matrixSpecArb, seedArb, type MatrixSpec } from "./random.ts";

const runs = { numRuns: EXACT_RUNS };

/** A product `[m, r] · [r, n]`: rank min(m, r, n) almost surely (rank-deficient when r is small). */
const productArb = fc.record({
  spec: matrixSpecArb(),
  inner: fc.integer({ min: 1, max: 12 }),
});

function product({ spec: { seed, m, n }, inner }: { spec: MatrixSpec; inner: number }): Matrix {
  return gaussianMatrix(seed, m, inner).mmul(gaussianMatrix(seed + 1, inner, n));
}

describe("pseudoInverse", () => {
  test.prop([productArb], runs)("satisfies A A⁺ A = A and A⁺ A A⁺ = A⁺", (input) => {
    const a = product(input);
    const pinv = pseudoInverse(a);
    expect([pinv.rows, pinv.columns]).toEqual([a.columns, a.rows]);
    expectMatrixClose(a.mmul(pinv).mmul(a), a, FLOAT64, "A A⁺ A");
    expectMatrixClose(pinv.mmul(a).mmul(pinv), pinv, FLOAT64, "A⁺ A A⁺");
  });

  test.prop([productArb], runs)("makes A A⁺ and A⁺ A symmetric", (input) => {
    const a = product(input);
    const pinv = pseudoInverse(a);
    const left = a.mmul(pinv);
    const right = pinv.mmul(a);
    expectMatrixClose(left.transpose(), left, FLOAT64, "(A A⁺)ᵀ");
    expectMatrixClose(right.transpose(), right, FLOAT64, "(A⁺ A)ᵀ");
  });

  test.prop([fc.record({ seed: seedArb, n: fc.integer({ min: 1, max: 8 }) })], runs)(
    "equals the inverse of an invertible matrix",
    ({ seed, n }) => {
      // Gaussian plus n·I: diagonally dominant enough to be well conditioned.
      const a = gaussianMatrix(seed, n, n).add(Matrix.eye(n).mul(3 * n));
      expectMatrixClose(pseudoInverse(a), inverse(a), FLOAT64, "A⁺ vs A⁻¹");
    },
  );

  it("drops singular values at or below relTol · σ_max", () => {
    const a = Matrix.diag([4, 1e-3, 0]);
    expectMatrixClose(pseudoInverse(a), Matrix.diag([0.25, 1e3, 0]), FLOAT64, "default cut-off");
    expectMatrixClose(pseudoInverse(a, 2e-4), Matrix.diag([0.25, 1e3, 0]), FLOAT64, "σ = 2.5e-4 σ_max > relTol σ_max kept");
    expectMatrixClose(pseudoInverse(a, 2.5e-4), Matrix.diag([0.25, 0, 0]), FLOAT64, "σ = relTol σ_max dropped");
    expect(defaultPseudoInverseTolerance(3, 7)).toBe(7 * Number.EPSILON);
  });

  it("maps the zero matrix and empty matrices to zero / empty matrices of the transposed shape", () => {
    expect(pseudoInverse(new Matrix(2, 3)).to2DArray()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const empty = pseudoInverse(new Matrix(0, 3));
    expect([empty.rows, empty.columns]).toEqual([3, 0]);
  });

  it("rejects a negative or non-finite relTol and non-finite entries", () => {
    const a = Matrix.eye(2);
    expect(() => pseudoInverse(a, -1)).toThrow("pseudoInverse: relTol is -1; expected a finite number ≥ 0");
    expect(() => pseudoInverse(a, Number.NaN)).toThrow("pseudoInverse: relTol is NaN");
    a.set(0, 1, Number.NaN);
    expect(() => pseudoInverse(a)).toThrow("pseudoInverse: a has a non-finite entry NaN at row 0, column 1");
  });
});
