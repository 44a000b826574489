/**
 * The p-quantile of a Beta(a, b) distribution: the x ∈ [0, 1] with I_x(a, b) = p.
 *
 * Bisection on [0, 1] until the bracket is one or two doubles wide (relative 2e-16, at most ~1100
 * halvings near 0). Below the median it compares the lower tail I_x(a, b) with p, above it the
 * upper tail with 1 − p, so quantiles far in either tail keep their relative accuracy.
 * p = 0 gives 0 and p = 1 gives 1.
 *
 * @example
 *   betaQuantile(0.25, 1, 1) // => 0.25
 *   betaQuantile(0.5, 3, 3) // => 0.5
 *   betaQuantile(0.05, 5, 1) // ≈ 0.54928
 *
 * @see regularizedIncompleteBeta, clopperPearson
 */
import { incompleteBetaTails } from "./internal/incompleteBeta.ts";
import { checkPositive, checkProbability } from "./internal/validate.ts";

const MAX_HALVINGS = 2_000;

export function betaQuantile(p: number, a: number, b: number): number {
  const fn = "betaQuantile";
  checkProbability(fn, "p", p);
  checkPositive(fn, "a", a);
  checkPositive(fn, "b", b);
  if (p === 0) return 0;
  if (p === 1) return 1;
  const q = 1 - p;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < MAX_HALVINGS && hi - lo > 2e-16 * hi; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    const tails = incompleteBetaTails(fn, mid, 1 - mid, a, b);
    const tooSmall = p <= 0.5 ? tails.lower < p : tails.upper > q;
    if (tooSmall) lo = mid;
    else hi = mid;
  }
  return lo + (hi - lo) / 2;
}
