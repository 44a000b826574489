import { Matrix } from "ml-matrix";
import { defaultPseudoInverseTolerance } from "./defaultPseudoInverseTolerance.ts";
import { thinSvd } from "./thinSvd.ts";
import { assertFiniteMatrix, assertNonNegative } from "./validate.ts";

/**
 * Moore–Penrose pseudo-inverse `a⁺ [n, m]` of `a [m, n]` via the thin SVD `a = U diag(σ) Vᵀ`:
 *   `a⁺ = Σ_{i : σ_i > relTol · σ_max} v_i u_iᵀ / σ_i`.
 * Singular values at or below `relTol · σ_max` are treated as zero (dropped).
 *
 * @param relTol relative cut-off, `≥ 0`; default `defaultPseudoInverseTolerance(m, n)`
 *   (`max(m, n) · ε`).
 *
 * Degenerate cases: the zero matrix and empty matrices give the zero `[n, m]` matrix.
 *
 * @example
 *   pseudoInverse(new Matrix([[2, 0], [0, 0]])).to2DArray() // => [[0.5, 0], [0, 0]]
 * @throws if `a` is not a matrix, has a non-finite entry, or `relTol` is negative or not finite.
 */
export function pseudoInverse(a: Matrix, relTol?: number): Matrix {
  assertFiniteMatrix("pseudoInverse", "a", a);
  const m = a.rows;
  const n = a.columns;
  const tol = relTol ?? defaultPseudoInverseTolerance(m, n);
  assertNonNegative("pseudoInverse", "relTol", tol);
  const out = new Matrix(n, m);
  const { u, s, v } = thinSvd(a);
  const sMax = s.length > 0 ? (s[0] as number) : 0;
  for (let i = 0; i < s.length; i++) {
    const sigma = s[i] as number;
    if (!(sigma > tol * sMax) || sigma === 0) continue;
    const vi = v.getColumn(i);
    const ui = u.getColumn(i);
    for (let r = 0; r < n; r++) {
      const coef = (vi[r] as number) / sigma;
      if (coef === 0) continue;
      for (let c = 0; c < m; c++) out.set(r, c, out.get(r, c) + coef * (ui[c] as number));
    }
  }
  return out;
}
