/**
 * Numerical tolerances, per dtype, in one place (STYLE.md, lesson 7).
 *
 * - `float32`: training runs in float32 (the wasm backend has no float64). Machine epsilon is
 *   2⁻²³ ≈ 1.19e-7; a value that went through a few hundred float32 operations (a forward and
 *   backward pass of a small net) carries a relative error of order 1e-5, so identities checked
 *   on trained or tfjs-computed quantities use rel 1e-3 / abs 1e-5 unless a spec says otherwise.
 * - `float64`: host metrics and references (ε = 2.2e-16); linear-algebra identities on matrices
 *   of a few hundred entries hold to ~1e-12 relative; we allow 1e-9.
 */
export const TOLERANCE = {
  float32: { relative: 1e-3, absolute: 1e-5 },
  float64: { relative: 1e-9, absolute: 1e-12 },
} as const;

export type Dtype = keyof typeof TOLERANCE;

/**
 * |actual − expected| ≤ absolute + relative · |expected|, with the errors for a failure message.
 */
export function closeTo(
  actual: number,
  expected: number,
  dtype: Dtype | { relative: number; absolute: number } = "float32",
): { ok: boolean; absoluteError: number; relativeError: number; message: string } {
  const tol = typeof dtype === "string" ? TOLERANCE[dtype] : dtype;
  const absoluteError = Math.abs(actual - expected);
  const relativeError = absoluteError / Math.max(Math.abs(expected), Number.MIN_VALUE);
  const ok = absoluteError <= tol.absolute + tol.relative * Math.abs(expected);
  const message = `actual ${actual}, expected ${expected}: absolute error ${absoluteError.toExponential(2)}, relative error ${relativeError.toExponential(2)} (tolerance abs ${tol.absolute}, rel ${tol.relative})`;
  return { ok, absoluteError, relativeError, message };
}
