import { Matrix } from "ml-matrix";
import { frobeniusNorm } from "../linalg/frobeniusNorm.ts";
import { spectralNorm } from "../linalg/spectralNorm.ts";
import { assertFiniteMatrix } from "../linalg/validate.ts";

/**
 * Stable rank `‖W‖_F² / ‖W‖_2² = Σ_i σ_i² / σ_max²` of `w [m, n]`.
 *
 * Lies in `[1, rank(W)]` for `W ≠ 0`; scale- and rotation-invariant; a continuous surrogate of the
 * rank that is insensitive to tiny singular values.
 *
 * Degenerate cases: 0 for the zero matrix and for empty matrices (the rank of those).
 *
 * @example
 *   stableRank(new Matrix([[3, 0], [0, 4]])) // => 25 / 16
 * @throws if `w` is not a matrix or has a non-finite entry.
 */
export function stableRank(w: Matrix): number {
  assertFiniteMatrix("stableRank", "w", w);
  const sigmaMax = spectralNorm(w);
  if (sigmaMax === 0) return 0;
  return (frobeniusNorm(w) / sigmaMax) ** 2;
}
