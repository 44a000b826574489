import { Matrix } from "ml-matrix";
import { singularValues } from "./singularValues.ts";
import { assertFiniteMatrix } from "./validate.ts";

/**
 * Spectral norm `‖a‖_2 = σ_max(a)` of `a [m, n]`, the largest singular value.
 *
 * Degenerate cases: 0 for the zero matrix and for empty matrices.
 *
 * @example
 *   spectralNorm(new Matrix([[3, 0], [0, -4]])) // => 4
 * @throws if `a` is not a matrix or has a non-finite entry.
 */
export function spectralNorm(a: Matrix): number {
  assertFiniteMatrix("spectralNorm", "a", a);
  const s = singularValues(a);
  return s.length > 0 ? (s[0] as number) : 0;
}
