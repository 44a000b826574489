import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { householderR } from "./householderR.ts";
import { assertFiniteMatrix, assertMatrix, toColumnMajor, toRowMajor } from "./validate.ts";

/**
 * Singular values of `a [m, n]`, in descending order: `σ_1 ≥ … ≥ σ_k ≥ 0`, `k = min(m, n)`.
 *
 * Method: a non-square matrix is first reduced to the `k × k` triangular factor `R` of a
 * Householder QR decomposition of `a` (or of `aᵀ` when `a` is wide), which has the same singular
 * values; `R`'s are then computed by ml-matrix's Golub–Kahan SVD (values only). The reduction makes
 * tall feature matrices cheap (10 000 × 256: about 0.5–0.6 s, against 3.5 s for ml-matrix's SVD
 * of the full matrix) and keeps backward stability (no `aᵀa`).
 *
 * Degenerate cases: an empty matrix (`0 × n` or `n × 0`) has no singular values (empty array); the
 * zero matrix has `k` zeros.
 *
 * @example
 *   Array.from(singularValues(new Matrix([[3, 0], [0, -4]]))) // => [4, 3]
 *   singularValues(new Matrix(0, 3)).length // => 0
 * @throws if `a` is not a matrix or has a non-finite entry.
 */
export function singularValues(a: Matrix): Float64Array {
  assertMatrix("singularValues", "a", a);
  const rows = a.rows;
  const cols = a.columns;
  const k = Math.min(rows, cols);
  if (k === 0) return new Float64Array(0);

  let square: Matrix;
  if (rows === cols) {
    assertFiniteMatrix("singularValues", "a", a);
    square = a;
  } else if (rows < cols) {
    // a row-major is aᵀ [cols, rows] column-major.
    square = householderR(toRowMajor("singularValues", "a", a), cols, rows);
  } else {
    square = householderR(toColumnMajor("singularValues", "a", a), rows, cols);
  }

  const svd = new SingularValueDecomposition(square, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  const values = Float64Array.from(svd.diagonal.slice(0, k), (s) => Math.abs(s));
  // ml-matrix returns them sorted; sort again so the contract does not rest on that.
  return values.sort().reverse();
}
