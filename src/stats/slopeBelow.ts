/**
 * Decides "y changes with x at a rate below `threshold`" by ordinary least squares with a
 * one-sided t bound on the slope:
 *
 *   b = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²,   se(b) = √(Σ residual² / (n − 2) / Σ(x − x̄)²),
 *   upper (1 − α) bound U = b + t_{1−α, n−2} · se(b),    holds iff U < threshold,
 *
 * equivalently p = P(T_{n−2} ≤ (b − threshold)/se(b)) < α. Used for trends across a
 * hyperparameter (log10 λ, batch size) and for "the metric falls over training".
 * Assumptions: independent, homoscedastic, roughly normal residuals about a straight line. Points
 * of one trajectory are autocorrelated, which makes the bound too narrow; with several seeds,
 * prefer one slope per seed and `meanBelow` on the slopes (a seed-level test). Inconclusive
 * (holds = false) when an x or y is non-finite or n < 3; an error when all x are equal.
 * The Decision's `values` are the ys.
 *
 * @example
 *   slopeBelow([0, 1, 2, 3, 4], [5.1, 3.9, 3.1, 2.0, 0.9], -0.5).holds // => true
 *   slopeBelow([0, 1, 2, 3, 4], [5.1, 3.9, 3.1, 2.0, 0.9], -1.5).holds // => false
 *
 * @see trendDecreasing, spearman, meanBelow
 */
import type { Decision } from "./Decision.ts";
import { confidencePercent, formatConstant } from "./internal/format.ts";
import { checkSlopeArguments, slopeTest } from "./internal/slopeTest.ts";

/** Options of `slopeBelow` and `trendDecreasing`. */
export interface SlopeTestOptions {
  /** Significance level α ∈ (0, 0.5] (0 exclusive, 0.5 inclusive). Default 0.05. */
  alpha?: number;
  /** Name of y, e.g. "log10 NC1". Default "y". */
  label?: string;
  /** Name of x, e.g. "step" or "log10 λ". Default "x". */
  xLabel?: string;
}

export function slopeBelow(xs: readonly number[], ys: readonly number[], threshold: number, options: SlopeTestOptions = {}): Decision {
  const fn = "slopeBelow";
  const { alpha, label, xLabel } = checkSlopeArguments(fn, xs, ys, options, threshold);
  return slopeTest({
    fn,
    xs,
    ys,
    threshold,
    alpha,
    rule:
      `one-sided t-test on the OLS slope of ${label} against ${xLabel}: ` +
      `upper ${confidencePercent(alpha)} bound < ${formatConstant(threshold)}`,
    quantity: `slope of ${label} vs ${xLabel}`,
  });
}
