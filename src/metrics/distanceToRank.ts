import { Matrix } from "ml-matrix";
import { frobeniusNorm } from "../linalg/frobeniusNorm.ts";
import { singularValues } from "../linalg/singularValues.ts";
import { assertFiniteMatrix, describeValue } from "../linalg/validate.ts";

/** How far the direction `W/‖W‖_F` is from the matrices of rank at most r, in two norms. */
export interface DistanceToRank {
  /** The rank r asked about. */
  readonly rank: number;
  /**
   * `σ_{r+1}(W)/‖W‖_F`: the spectral-norm distance of `W/‖W‖_F` to the rank-≤ r matrices
   * (Eckart–Young–Mirsky); 0 when r ≥ min(m, n).
   */
  readonly spectral: number;
  /** `√(Σ_{i>r} σ_i²)/‖W‖_F`: the Frobenius-norm distance of `W/‖W‖_F` to the rank-≤ r matrices. */
  readonly frobenius: number;
}

/**
 * Distance of `W/‖W‖_F` (`w [m, n]`) to the set of matrices of rank at most `rank`, in spectral and
 * Frobenius norm (Eckart–Young–Mirsky: the best rank-r approximation is the truncated SVD, so the
 * distances are `σ_{r+1}` and `√(Σ_{i>r} σ_i²)`, divided by `‖W‖_F`). This is the left side of the
 * low-rank bound of CLAIMS R1 (`σ_{B+1}(W)/‖W‖_F` with r = B).
 *
 * Both lie in `[0, 1]`, are scale- and rotation-invariant, vanish exactly when rank(W) ≤ r, and
 * `spectral ≤ frobenius ≤ √(min(m, n) − r) · spectral`.
 *
 * Degenerate cases: the zero matrix and empty matrices are at distance 0 (they have rank 0).
 *
 * @param w `[m, n]`, e.g. a layer's weights `W_k [out_k, in_k]`
 * @param rank r, an integer ≥ 0 (σ_{r+1} is the first singular value left out)
 * @example
 *   distanceToRank(new Matrix([[3, 0], [0, 4]]), 1).spectral // => 3 / 5
 *   distanceToRank(new Matrix([[3, 0], [0, 4]]), 0).frobenius // => 1
 * @throws if `w` is not a matrix, has a non-finite entry, or `rank` is not an integer ≥ 0.
 */
export function distanceToRank(w: Matrix, rank: number): DistanceToRank {
  assertFiniteMatrix("distanceToRank", "w", w);
  if (!Number.isSafeInteger(rank) || rank < 0) {
    throw new Error(`distanceToRank: rank is ${describeValue(rank)}; expected an integer ≥ 0`);
  }
  const norm = frobeniusNorm(w);
  if (norm === 0) return { rank, spectral: 0, frobenius: 0 };
  const s = singularValues(w);
  let tail = 0;
  for (let i = rank; i < s.length; i++) tail += ((s[i] as number) / norm) ** 2;
  return { rank, spectral: rank < s.length ? (s[rank] as number) / norm : 0, frobenius: Math.sqrt(tail) };
}
