import { Matrix } from "ml-matrix";
import { frobeniusNorm } from "./frobeniusNorm.ts";
import { orthogonalComponent } from "./orthogonalComponent.ts";
import { spanBasis } from "./spanBasis.ts";
import { assertFiniteMatrix, shapeOf } from "./validate.ts";

/** How far the rows of a matrix are from a span (see `spanResidual`). */
export interface SpanResidual {
  /** `‖W⊥‖_F / ‖W‖_F ∈ [0, 1]`: the fraction of the rows' norm outside the span (0 for W = 0). */
  readonly relative: number;
  /** Per row i: `‖w_i⊥‖ / ‖w_i‖` (NaN for a zero row, which has no direction), `[m]`. */
  readonly rows: Float64Array;
  /** `‖W⊥‖_F`. */
  readonly orthogonalNorm: number;
  /** `‖W‖_F`. */
  readonly norm: number;
  /** Dimension r of the span (numerical rank of `vectors`). */
  readonly rank: number;
}

/**
 * Relative residual of projecting the rows of `w [m, p]` onto `span{v_n}`, the span of the rows of
 * `vectors [n, p]` (CLAIMS D2: the rows of `W_k` against `span{h_{k−1}(x_n)}`, or the last layer's
 * rows against the span of the class means):
 *
 *   relative = ‖W (I − P)‖_F / ‖W‖_F,   rows_i = ‖w_i (I − P)‖ / ‖w_i‖,   P = Q Qᵀ, Q = spanBasis(vectors).
 *
 * A matrix whose rows lie in the span has residual 0; a random `w` against an r-dimensional span
 * in ℝ^p has `relative² ≈ 1 − r/p` (rows isotropic), so the measure is informative only for
 * `r < p` (when the vectors span ℝ^p every residual is 0).
 *
 * @param relTol cut-off of the span's numerical rank, as in `spanBasis`
 * @example
 *   spanResidual(new Matrix([[3, 4], [1, 0]]), new Matrix([[2, 0]])).relative // => Math.sqrt(16 / 26)
 *   Array.from(spanResidual(new Matrix([[3, 4], [1, 0]]), new Matrix([[2, 0]])).rows) // => [0.8, 0]
 * @throws if an argument is not a finite matrix, or the two have different numbers of columns.
 */
export function spanResidual(w: Matrix, vectors: Matrix, relTol?: number): SpanResidual {
  assertFiniteMatrix("spanResidual", "w", w);
  assertFiniteMatrix("spanResidual", "vectors", vectors);
  if (vectors.columns !== w.columns) {
    throw new Error(
      `spanResidual: w has shape ${shapeOf(w)} and vectors ${shapeOf(vectors)}; expected the same number of columns p (vectors [n, p], w [m, p])`,
    );
  }
  const q = spanBasis(vectors, relTol);
  const perp = orthogonalComponent(w, q);
  const norm = frobeniusNorm(w);
  const orthogonalNorm = frobeniusNorm(perp);
  const rows = new Float64Array(w.rows);
  for (let i = 0; i < w.rows; i++) {
    const whole = Math.hypot(...w.getRow(i));
    rows[i] = whole === 0 ? Number.NaN : Math.hypot(...perp.getRow(i)) / whole;
  }
  return { relative: norm === 0 ? 0 : orthogonalNorm / norm, rows, orthogonalNorm, norm, rank: q.columns };
}
