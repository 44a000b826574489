import { assertInteger } from "./validate.ts";

/**
 * Default relative cut-off of `pseudoInverse` for `a [m, n]`: `max(m, n) · ε` (ε = 2⁻⁵² the float64
 * machine epsilon), the default of `numpy.linalg.pinv` (numpy ≥ 2) and MATLAB's `pinv`: singular
 * values below it are indistinguishable from rounding noise of the SVD.
 * @example
 *   defaultPseudoInverseTolerance(3, 7) // => 7 * Number.EPSILON
 * @throws unless m and n are integers ≥ 0 (a matrix's numbers of rows and columns).
 */
export function defaultPseudoInverseTolerance(m: number, n: number): number {
  assertInteger("defaultPseudoInverseTolerance", "m", m, 0);
  assertInteger("defaultPseudoInverseTolerance", "n", n, 0);
  return Math.max(m, n) * Number.EPSILON;
}
