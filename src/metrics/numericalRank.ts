import { Matrix } from "ml-matrix";
import { frobeniusNorm } from "../linalg/frobeniusNorm.ts";
import { singularValues } from "../linalg/singularValues.ts";
import { assertFiniteMatrix, describeValue } from "../linalg/validate.ts";

/**
 * Default threshold τ of `numericalRank` (CLAIMS.md, "Rank"): 1e-3. Reason: the weights come from
 * float32 training, whose updates are rounded at ≈ 6e-8 relative per step and accumulate over
 * thousands of steps, so singular values much below 1e-3 of `‖W‖_F` are not resolved reliably.
 */
export const DEFAULT_RANK_TOLERANCE = 1e-3;

/**
 * Numerical rank relative to the Frobenius norm: `#{i : σ_i / ‖W‖_F > tol}` (strict), the number of
 * singular values of `w [m, n]` carrying more than `tol` of the Frobenius norm.
 *
 * Scale-invariant (`numericalRank(t·W) = numericalRank(W)`, t ≠ 0) and rotation-invariant. Note the
 * reference is `‖W‖_F`, not `σ_max`: with `r` equal singular values, each is `‖W‖_F/√r`.
 *
 * Degenerate cases: 0 for the zero matrix and for empty matrices.
 *
 * @param w `[m, n]`, e.g. a layer's weights (a conv kernel reshaped to `out × (in·k)`)
 * @param tol relative threshold in `[0, 1)`, default `DEFAULT_RANK_TOLERANCE` (1e-3)
 * @example
 *   numericalRank(new Matrix([[1, 0], [0, 1e-6]])) // => 1
 *   numericalRank(new Matrix([[1, 0], [0, 1e-6]]), 1e-9) // => 2
 * @throws if `w` is not a matrix or has a non-finite entry, or `tol` is not in `[0, 1)`.
 */
export function numericalRank(w: Matrix, tol: number = DEFAULT_RANK_TOLERANCE): number {
  assertFiniteMatrix("numericalRank", "w", w);
  if (typeof tol !== "number" || !Number.isFinite(tol) || tol < 0 || tol >= 1) {
    throw new Error(`numericalRank: tol is ${describeValue(tol)}; expected a number in [0, 1)`);
  }
  const norm = frobeniusNorm(w);
  if (norm === 0) return 0;
  const s = singularValues(w);
  let rank = 0;
  for (let i = 0; i < s.length; i++) if ((s[i] as number) / norm > tol) rank++;
  return rank;
}
