import { Matrix } from "ml-matrix";
import { defaultPseudoInverseTolerance } from "./defaultPseudoInverseTolerance.ts";
import { thinSvd } from "./thinSvd.ts";
import { assertFiniteMatrix, assertNonNegative } from "./validate.ts";

/**
 * Orthonormal basis `Q [p, r]` (columns, `QᵀQ = I_r`) of `span{v_1, …, v_n}`, the span of the
 * rows of `vectors [n, p]` — e.g. `span{x_n}` of the training inputs `[N, d]`, or
 * `span{h_{k−1}(x_n)}` of a layer's input activations `[N, in_k]` (CLAIMS D1, D2).
 *
 * Method: the thin SVD `vectors = U diag(σ) Vᵀ`; `Q` = the right singular vectors with
 * `σ_i > relTol · σ_max`, so `r` is the numerical rank and `Q Qᵀ` the orthogonal projector onto
 * the span. Singular values at or below the cut-off are treated as zero.
 *
 * @param vectors `[n, p]`, one vector per row
 * @param relTol relative cut-off `≥ 0`; default `defaultPseudoInverseTolerance(n, p)` (`max(n, p) · ε`):
 *   directions that float64 rounding cannot tell from 0
 *
 * Degenerate cases: the zero matrix and empty matrices span `{0}`: `Q` is `[p, 0]`.
 *
 * @example
 *   spanBasis(new Matrix([[2, 0, 0], [3, 0, 0]])).to2DArray().map((row) => Math.abs(row[0])) // => [1, 0, 0]
 *   spanBasis(new Matrix([[1, 0, 0], [0, 1, 0]])).columns // => 2
 * @throws if `vectors` is not a matrix or has a non-finite entry, or `relTol` is negative or not finite.
 */
export function spanBasis(vectors: Matrix, relTol?: number): Matrix {
  assertFiniteMatrix("spanBasis", "vectors", vectors);
  const n = vectors.rows;
  const p = vectors.columns;
  const tol = relTol ?? defaultPseudoInverseTolerance(n, p);
  assertNonNegative("spanBasis", "relTol", tol);
  const { s, v } = thinSvd(vectors);
  const sMax = s.length > 0 ? (s[0] as number) : 0;
  let r = 0;
  while (r < s.length && (s[r] as number) > tol * sMax && (s[r] as number) > 0) r++;
  return r === 0 ? new Matrix(p, 0) : v.subMatrix(0, p - 1, 0, r - 1);
}
