/**
 * Default relative cut-off of `pseudoInverse` for `a [m, n]`: `max(m, n) · ε` (ε = 2⁻⁵² the float64
 * machine epsilon), the default of `numpy.linalg.pinv` (numpy ≥ 2) and MATLAB's `pinv`: singular
 * values below it are indistinguishable from rounding noise of the SVD.
 * @example
 *   defaultPseudoInverseTolerance(3, 7) // => 7 * Number.EPSILON
 */
export function defaultPseudoInverseTolerance(m: number, n: number): number {
  return Math.max(m, n) * Number.EPSILON;
}
