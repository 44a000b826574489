/**
 * Spans and projections (`spanBasis`, `orthogonalComponent`, `spanResidual`): orthonormality, the
 * projector's defining relations, and residuals of constructions whose answer is known (rows built
 * inside a span plus a known orthogonal part).
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { orthogonalComponent, spanBasis, spanResidual } from "../../src/linalg/index.ts";
import { FLOAT64, expectClose, expectMatrixClose } from "../tolerances.ts";
import { EXACT_RUNS, gaussianMatrix, orthonormalColumns, seedArb } from "./random.ts";

const runs = { numRuns: EXACT_RUNS };

/** n vectors in ℝ^p spanning an r-dimensional subspace (r ≤ min(n, p)): Gaussian [n, r] · [r, p]. */
const spanArb = fc
  .record({ seed: seedArb, p: fc.integer({ min: 1, max: 12 }), n: fc.integer({ min: 1, max: 12 }), r: fc.integer({ min: 1, max: 12 }) })
  .map(({ seed, p, n, r }) => ({ seed, p, n, r: Math.min(r, n, p) }));

function vectorsOfRank({ seed, p, n, r }: { seed: number; p: number; n: number; r: number }): Matrix {
  return gaussianMatrix(seed, n, r).mmul(gaussianMatrix(seed + 1, r, p));
}

describe("spanBasis", () => {
  test.prop([spanArb], runs)("has orthonormal columns, one per dimension of the span", (spec) => {
    const q = spanBasis(vectorsOfRank(spec));
    expect([q.rows, q.columns]).toEqual([spec.p, spec.r]);
    expectMatrixClose(q.transpose().mmul(q), Matrix.eye(spec.r), FLOAT64, "QᵀQ");
  });

  test.prop([spanArb], runs)("its projector fixes every vector of the span", (spec) => {
    const v = vectorsOfRank(spec);
    const q = spanBasis(v);
    expectMatrixClose(v.mmul(q).mmul(q.transpose()), v, FLOAT64, "v Q Qᵀ");
  });

  test.prop([spanArb], runs)("depends only on the span: mixing the vectors leaves the projector unchanged", (spec) => {
    const v = vectorsOfRank(spec);
    const mixed = gaussianMatrix(spec.seed + 2, spec.n + 2, spec.n).mmul(v);
    const q1 = spanBasis(v);
    const q2 = spanBasis(mixed);
    expectMatrixClose(q2.mmul(q2.transpose()), q1.mmul(q1.transpose()), FLOAT64, "projector");
  });

  it("drops directions at or below the cut-off and spans {0} for the zero matrix", () => {
    expect(spanBasis(Matrix.diag([1, 1e-20, 0])).columns).toBe(1);
    expect(spanBasis(Matrix.diag([1, 1e-6, 0])).columns).toBe(2);
    expect(spanBasis(Matrix.diag([1, 1e-6, 0]), 1e-5).columns).toBe(1);
    expect(spanBasis(new Matrix(3, 4)).columns).toBe(0);
    expect(spanBasis(new Matrix(3, 4)).rows).toBe(4);
  });

  it("rejects bad arguments, naming them", () => {
    expect(() => spanBasis([[1]] as unknown as Matrix)).toThrow(/spanBasis: vectors is an array of length 1; expected an ml-matrix Matrix/);
    expect(() => spanBasis(new Matrix([[Number.NaN]]))).toThrow(/spanBasis: vectors has a non-finite entry NaN/);
    expect(() => spanBasis(new Matrix([[1]]), -1)).toThrow(/spanBasis: relTol is -1; expected a finite number ≥ 0/);
  });
});

describe("orthogonalComponent", () => {
  test.prop([spanArb, fc.integer({ min: 1, max: 6 })], runs)(
    "splits W into W Q Qᵀ + W⊥ with W⊥ Q = 0 and Pythagoras ‖W‖² = ‖WQ‖² + ‖W⊥‖²",
    (spec, m) => {
      const q = spanBasis(vectorsOfRank(spec));
      const w = gaussianMatrix(spec.seed + 3, m, spec.p);
      const perp = orthogonalComponent(w, q);
      expectMatrixClose(perp.mmul(q), new Matrix(m, spec.r), { rel: 0, abs: 1e-12 * w.norm() }, "W⊥ Q");
      expectMatrixClose(w.mmul(q).mmul(q.transpose()).add(perp), w, FLOAT64, "W Q Qᵀ + W⊥");
      expectClose(perp.norm() ** 2 + w.mmul(q).norm() ** 2, w.norm() ** 2, FLOAT64, "Pythagoras");
    },
  );

  it("removes exactly the span's coordinates of a known example", () => {
    const q = new Matrix([[1, 0], [0, 1], [0, 0], [0, 0]]);
    expect(orthogonalComponent(new Matrix([[1, 2, 3, 4], [5, 6, 7, 8]]), q).to2DArray()).toEqual([
      [0, 0, 3, 4],
      [0, 0, 7, 8],
    ]);
    expect(orthogonalComponent(new Matrix([[1, 2]]), new Matrix(2, 0)).to2DArray()).toEqual([[1, 2]]);
  });

  it("rejects a basis of the wrong dimension, with both shapes", () => {
    expect(() => orthogonalComponent(new Matrix(2, 3), new Matrix(4, 1))).toThrow(
      /orthogonalComponent: q has shape \[4, 1\] but w has shape \[2, 3\]; expected q \[p, r\] with p = w.columns = 3/,
    );
  });
});

describe("spanResidual", () => {
  test.prop([fc.record({ seed: seedArb, p: fc.integer({ min: 2, max: 12 }), m: fc.integer({ min: 1, max: 6 }), t: fc.double({ min: 0, max: 3, noNaN: true }) })], runs)(
    "of W = A + t·B with A's rows in an r-dimensional span and B's orthogonal to it is t‖B‖/‖A + tB‖",
    ({ seed, p, m, t }) => {
      const r = 1 + (seed % (p - 1)); // 1 ≤ r < p
      const basis = orthonormalColumns(seed, p, p); // [p, p] orthogonal
      const inside = basis.subMatrix(0, p - 1, 0, r - 1); // span directions
      const outside = basis.subMatrix(0, p - 1, r, p - 1); // complement
      const vectors = gaussianMatrix(seed + 1, r + 2, r).mmul(inside.transpose()); // r + 2 vectors spanning the span
      const a = gaussianMatrix(seed + 2, m, r).mmul(inside.transpose());
      const b = gaussianMatrix(seed + 3, m, p - r).mmul(outside.transpose());
      const w = a.clone().add(b.clone().mul(t));
      const result = spanResidual(w, vectors);
      expect(result.rank).toBe(r);
      expectClose(result.orthogonalNorm, t * b.norm(), { rel: FLOAT64.rel, abs: 1e-12 * w.norm() }, "‖W⊥‖");
      expectClose(result.relative, (t * b.norm()) / w.norm(), { rel: FLOAT64.rel, abs: 1e-12 }, "relative residual");
      for (let i = 0; i < m; i++) {
        const row = w.getRow(i);
        const perp = b.getRow(i).map((x) => t * x);
        expectClose(result.rows[i]!, Math.hypot(...perp) / Math.hypot(...row), { rel: FLOAT64.rel, abs: 1e-12 }, `row ${i}`);
      }
    },
  );

  it("is 0 for rows in the span, 1 for rows orthogonal to it, NaN for a zero row", () => {
    const vectors = new Matrix([[1, 1, 0]]);
    const r = spanResidual(new Matrix([[2, 2, 0], [0, 0, 5], [0, 0, 0]]), vectors);
    expectClose(r.rows[0]!, 0, FLOAT64, "row in the span");
    expectClose(r.rows[1]!, 1, FLOAT64, "row orthogonal to the span");
    expect(r.rows[2]).toBeNaN();
    expectClose(r.relative, 5 / Math.sqrt(33), FLOAT64, "Frobenius residual");
    expect(spanResidual(new Matrix(2, 3), vectors).relative).toBe(0);
  });

  it("rejects matrices with different numbers of columns", () => {
    expect(() => spanResidual(new Matrix(2, 3), new Matrix(2, 4))).toThrow(
      /spanResidual: w has shape \[2, 3\] and vectors \[2, 4\]; expected the same number of columns p/,
    );
  });
});
