/**
 * Numerical tolerances of the `stats` tests — accuracy targets of the special functions (incomplete
 * beta, t, normal), finer-grained than the per-dtype bases of `src/tolerances.ts` — and a comparison
 * that reports both the relative and the absolute error.
 */
import { expect } from "vitest";

/**
 * Agreement with float64 reference values (scipy) and closed forms. Our ln Γ (Lanczos) and the
 * continued fraction give ≈ 1e-14 for moderate shapes; 1e-11 leaves room for shapes ~ 1e3.
 */
export const REFERENCE_RELATIVE = 1e-11;
/** Shapes / df ~ 1e4–1e6: the continued fraction needs ~√a terms, measured error ≤ 2e-11. */
export const LARGE_SHAPE_RELATIVE = 1e-10;
/** CDF(quantile(p)) = p, relative to min(p, 1 − p) (the tail the solver targets). */
export const ROUND_TRIP_RELATIVE = 1e-10;
/** Identities between two float64 computations of the same quantity (sums of ~n terms). */
export const IDENTITY_ABSOLUTE = 1e-12;

/** |actual − expected| ≤ max(relative·|expected|, absolute); the message prints both errors. */
export function expectClose(
  actual: number,
  expected: number,
  { relative = REFERENCE_RELATIVE, absolute = 0 }: { relative?: number; absolute?: number },
  what: string,
): void {
  const absoluteError = Math.abs(actual - expected);
  const relativeError = expected === 0 ? absoluteError : absoluteError / Math.abs(expected);
  const ok = actual === expected || absoluteError <= Math.max(relative * Math.abs(expected), absolute);
  expect(
    ok,
    `${what}: got ${actual}, expected ${expected} (absolute error ${absoluteError.toExponential(2)}, ` +
      `relative error ${relativeError.toExponential(2)}; allowed relative ${relative}, absolute ${absolute})`,
  ).toBe(true);
}
