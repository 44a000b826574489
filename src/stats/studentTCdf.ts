/**
 * The CDF of Student's t distribution with df degrees of freedom, P(T ≤ t).
 *
 *   P(T ≤ t) = 1 − ½ I_x(ν/2, ½)  for t ≥ 0,   ½ I_x(ν/2, ½)  for t < 0,   x = ν/(ν + t²),
 *
 * with I the regularised incomplete beta function (continued fraction, see
 * `regularizedIncompleteBeta`), with ln x = −ln(1 + t²/ν) formed without rounding x. df may be any
 * finite positive real (Welch-type non-integer df included); t may be ±Infinity. The lower tail
 * for t < 0 keeps its relative accuracy even when tiny. Relative accuracy ≈ 1e-14 for df ≲ 1e4,
 * ≈ 1e-11 at df ~ 1e6 (checked against scipy).
 *
 * @example
 *   studentTCdf(0, 3) // => 0.5
 *   studentTCdf(2.131847, 4) // ≈ 0.9500000
 *   studentTCdf(1, 1) // => 0.75
 *
 * @see studentTQuantile
 */
import { studentTUpperTail } from "./internal/studentT.ts";
import { checkNumber, checkPositive, fail } from "./internal/validate.ts";

export function studentTCdf(t: number, df: number): number {
  const fn = "studentTCdf";
  checkNumber(fn, "t", t);
  if (Number.isNaN(t)) fail(fn, "t", t, "is not a number (expected a real t, ±Infinity allowed)");
  checkPositive(fn, "df", df);
  if (t === 0) return 0.5;
  const tail = studentTUpperTail(fn, Math.abs(t), df);
  return t > 0 ? 1 - tail : tail;
}
