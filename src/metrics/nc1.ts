import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { assertNonNegative } from "../linalg/validate.ts";
import {
  centredOf,
  checkLabelledFeatures,
  matrixFromRowMajor,
  meansOf,
  type LabelledFeatures,
} from "./labelledFeatures.ts";

/**
 * Default relative cut-off of the pseudo-inverse in `nc1`: eigenvalues of `Σ_B` at or below
 * `1e-10 · λ_max` are dropped, i.e. singular values of the centred means below `1e-5 · s_max`.
 * Reason: features come from float32 training (relative precision ≈ 6e-8), so a direction of the
 * class means 1e-5 below the largest is still ≈ 100× above float32 rounding, while the C-th
 * eigenvalue (exactly 0 in theory, ≈ ε² λ_max in float64) and directions made only of rounding
 * noise never enter `Σ_B^†` and blow NC1 up.
 */
export const NC1_RELATIVE_TOLERANCE = 1e-10;

/** Options of `nc1`. */
export interface Nc1Options {
  /**
   * Relative cut-off on the eigenvalues of `Σ_B` (inclusive: `λ_i ≤ tol · λ_max` is dropped);
   * finite, `≥ 0`. Default `NC1_RELATIVE_TOLERANCE` (1e-10).
   */
  readonly relativeTolerance?: number;
}

/**
 * NC1, within-class variability collapse (Papyan, Han & Donoho 2020; CLAIMS.md "Conventions"):
 *
 *   `NC1 = Tr(Σ_W Σ_B^†) / C`,
 *
 * with `Σ_W`, `Σ_B` as in `withinClassCovariance`, `betweenClassCovariance`, and `Σ_B^†` the
 * pseudo-inverse on the top `C − 1` eigenpairs of `Σ_B` (its rank is ≤ C − 1), dropping
 * eigenvalues `λ_i ≤ relativeTolerance · λ_max`. NC1 ≥ 0; it is 0 when every sample sits at its
 * class mean, and scales as t² when the within-class deviations are scaled by t.
 *
 * Computation without `p × p` matrices. Let `M̃ [C, p]` hold the centred means `μ_c − μ_G` as rows,
 * so `Σ_B = M̃ᵀM̃ / C`. With the SVD `M̃ = U S Vᵀ`, `Σ_B = Σ_i (s_i²/C) v_i v_iᵀ`: eigenvectors `v_i`
 * (right singular vectors), eigenvalues `s_i²/C`. Hence `Σ_B^† = Σ_{i ∈ kept} (C/s_i²) v_i v_iᵀ` and
 *
 *   `Tr(Σ_W Σ_B^†) = Σ_i (C/s_i²) v_iᵀ Σ_W v_i = Σ_i (C/s_i²) (1/N) Σ_n ((h_n − μ_{y_n}) · v_i)²`,
 *
 * so `NC1 = (1/N) Σ_n Σ_i ((h_n − μ_{y_n}) · v_i)² / s_i²`: one SVD of a `C × p` matrix and
 * `O(N p C)` work (10 000 × 256 features, C = 10: about 50 ms).
 *
 * Degenerate case: when all class means coincide (`Σ_B = 0`, e.g. a dead network with constant
 * features) NC1 is `+∞`, the limit of the formula as `Σ_B → 0` — never a spurious 0 ("collapsed").
 * It is the only non-finite value `nc1` returns.
 *
 * @param features `[N, p]`, one sample `h_n` per row
 * @param labels `[N]`, integers in `[0, classes)`
 * @param classes C ≥ 2; every class must have at least one sample
 * @example
 *   nc1(new Matrix([[-1.5], [-0.5], [0.5], [1.5]]), [0, 0, 1, 1], 2) // => 0.125
 *   nc1(new Matrix([[1, 2], [1, 2]]), [0, 1], 2) // => Infinity
 * @throws on mismatched shapes, bad labels, an empty class, a non-finite feature, classes < 2, or a
 *   negative / non-finite `relativeTolerance`.
 */
export function nc1(
  features: Matrix,
  labels: ArrayLike<number>,
  classes: number,
  options: Nc1Options = {},
): number {
  const data = checkLabelledFeatures("nc1", features, labels, classes);
  const tol = options.relativeTolerance ?? NC1_RELATIVE_TOLERANCE;
  assertNonNegative("nc1", "options.relativeTolerance", tol);
  return nc1Core(data, meansOf(data), tol);
}

/** @internal NC1 of validated features with their class means (row-major `[C, p]`). */
export function nc1Core(data: LabelledFeatures, means: Float64Array, relativeTolerance: number): number {
  const { n, p, classes, h, y } = data;
  const centred = matrixFromRowMajor(centredOf(means, classes, p), classes, p);
  const svd = new SingularValueDecomposition(centred, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: true,
    autoTranspose: true,
  });
  const s = svd.diagonal;
  const v = svd.rightSingularVectors; // [p, min(C, p)], columns v_i
  const sMax = Math.abs(s[0] ?? 0);
  if (sMax === 0) return Number.POSITIVE_INFINITY;

  // Kept eigenpairs: the top C − 1 with s_i² > tol · s_max² (eigenvalues are s_i² / C).
  const maxKept = Math.min(classes - 1, s.length, v.columns);
  const directions: Float64Array[] = [];
  const invSq: number[] = [];
  for (let i = 0; i < maxKept; i++) {
    const si = Math.abs(s[i] as number);
    if (!(si * si > relativeTolerance * sMax * sMax)) continue;
    directions.push(Float64Array.from(v.getColumn(i)));
    invSq.push(1 / (si * si));
  }

  const r = new Float64Array(p);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const oc = (y[k] as number) * p;
    const oh = k * p;
    for (let j = 0; j < p; j++) r[j] = (h[oh + j] as number) - (means[oc + j] as number);
    for (let i = 0; i < directions.length; i++) {
      const d = directions[i] as Float64Array;
      let q = 0;
      for (let j = 0; j < p; j++) q += (r[j] as number) * (d[j] as number);
      total += q * q * (invSq[i] as number);
    }
  }
  return total / n;
}
