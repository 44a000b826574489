import { Matrix } from "ml-matrix";
import { singularValues } from "../linalg/singularValues.ts";
import { assertFiniteMatrix } from "../linalg/validate.ts";

/**
 * Effective rank (Roy & Vetterli 2007, "The effective rank: a measure of effective dimensionality"):
 *
 *   `erank(W) = exp(H(p))`,  `H(p) = −Σ_i p_i log p_i`,  `p_i = σ_i / Σ_j σ_j`  (`0 log 0 = 0`),
 *
 * of `w [m, n]`. Lies in `[1, rank(W)]` for `W ≠ 0`, equal to `r` exactly when the `r` non-zero
 * singular values are equal; scale- and rotation-invariant.
 *
 * Degenerate cases: 0 for the zero matrix and for empty matrices (Roy & Vetterli define it for
 * `W ≠ 0`; 0 is the rank of those).
 *
 * @example
 *   effectiveRank(new Matrix([[2, 0], [0, 2]])) // => 2
 *   effectiveRank(new Matrix([[1, 0], [0, 0]])) // => 1
 * @throws if `w` is not a matrix or has a non-finite entry.
 */
export function effectiveRank(w: Matrix): number {
  assertFiniteMatrix("effectiveRank", "w", w);
  const s = singularValues(w);
  let total = 0;
  for (let i = 0; i < s.length; i++) total += s[i] as number;
  if (total === 0) return 0;
  let entropy = 0;
  for (let i = 0; i < s.length; i++) {
    const pi = (s[i] as number) / total;
    if (pi > 0) entropy -= pi * Math.log(pi);
  }
  return Math.exp(entropy);
}
