import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { assertFiniteMatrix } from "./validate.ts";

/** A thin singular value decomposition `a = U diag(s) Vᵀ`. */
export interface ThinSvd {
  /** Left singular vectors as columns, `[m, k]`, `k = min(m, n)`. */
  readonly u: Matrix;
  /** Singular values, descending, `[k]`. */
  readonly s: Float64Array;
  /** Right singular vectors as columns, `[n, k]`. */
  readonly v: Matrix;
}

/**
 * Thin SVD `a [m, n] = U [m, k] · diag(s) [k, k] · Vᵀ [k, n]`, `k = min(m, n)`, `s` descending,
 * via ml-matrix's Golub–Kahan SVD (`autoTranspose`, so wide matrices are handled by transposing).
 *
 * Degenerate cases: an empty matrix gives `U [m, 0]`, `s = []`, `V [n, 0]`. Columns of `U`, `V` for
 * zero singular values are whatever the algorithm produces (they multiply 0 in the product).
 *
 * For singular values alone use `singularValues`, which is faster on tall or wide matrices.
 *
 * @example
 *   Array.from(thinSvd(new Matrix([[0, 2], [1, 0], [0, 0]])).s) // => [2, 1]
 * @throws if `a` is not a matrix or has a non-finite entry.
 */
export function thinSvd(a: Matrix): ThinSvd {
  assertFiniteMatrix("thinSvd", "a", a);
  const m = a.rows;
  const n = a.columns;
  const k = Math.min(m, n);
  if (k === 0) return { u: new Matrix(m, 0), s: new Float64Array(0), v: new Matrix(n, 0) };
  const svd = new SingularValueDecomposition(a, {
    computeLeftSingularVectors: true,
    computeRightSingularVectors: true,
    autoTranspose: true,
  });
  const u = svd.leftSingularVectors;
  const v = svd.rightSingularVectors;
  return {
    u: u.columns === k ? u : u.subMatrix(0, m - 1, 0, k - 1),
    s: Float64Array.from(svd.diagonal.slice(0, k)),
    v: v.columns === k ? v : v.subMatrix(0, n - 1, 0, k - 1),
  };
}
