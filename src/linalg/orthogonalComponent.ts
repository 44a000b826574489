import { Matrix } from "ml-matrix";
import { assertFiniteMatrix, shapeOf } from "./validate.ts";

/**
 * The part of each row of `w [m, p]` orthogonal to a subspace with orthonormal basis `q [p, r]`:
 *
 *   W⊥ = W (I − Q Qᵀ)   [m, p],    W = W Q Qᵀ + W⊥,   ‖W‖_F² = ‖W Q‖_F² + ‖W⊥‖_F².
 *
 * With `q = spanBasis(inputs)` this is CLAIMS D1's `W⊥`, the part of the first layer that no
 * gradient reaches. Computed as `W − (W Q) Qᵀ`, `O(m p r)`.
 *
 * `q` must have orthonormal columns (as `spanBasis` returns); this is not checked.
 *
 * @example
 *   orthogonalComponent(new Matrix([[1, 2, 3]]), new Matrix([[1], [0], [0]])).to2DArray() // => [[0, 2, 3]]
 * @throws if either argument is not a matrix or has a non-finite entry, or `q` has `p ≠ w.columns` rows.
 */
export function orthogonalComponent(w: Matrix, q: Matrix): Matrix {
  assertFiniteMatrix("orthogonalComponent", "w", w);
  assertFiniteMatrix("orthogonalComponent", "q", q);
  if (q.rows !== w.columns) {
    throw new Error(
      `orthogonalComponent: q has shape ${shapeOf(q)} but w has shape ${shapeOf(w)}; expected q [p, r] with p = w.columns = ${w.columns}`,
    );
  }
  if (q.columns === 0) return w.clone();
  return w.clone().sub(w.mmul(q).mmul(q.transpose()));
}
