/**
 * Decides "y decreases with x": `slopeBelow(xs, ys, 0)` — the upper (1 − α) t bound of the OLS
 * slope is below 0 — stated as a trend. Same formula, assumptions and inconclusive cases as
 * `slopeBelow` (in particular: for "falls over training" with several seeds, prefer per-seed
 * slopes and `meanBelow(slopes, 0)`). For a rank-based view of the same trend see `spearman`.
 *
 * @example
 *   trendDecreasing([1e-4, 1e-3, 1e-2].map(Math.log10), [30, 21, 9], { label: "rank", xLabel: "log10 λ" }).holds // => true
 *   trendDecreasing([1, 2, 3, 4], [1, 3, 2, 4]).holds // => false
 *
 * @see slopeBelow, spearman
 */
import type { Decision } from "./Decision.ts";
import type { SlopeTestOptions } from "./slopeBelow.ts";
import { confidencePercent } from "./internal/format.ts";
import { checkSlopeArguments, slopeTest } from "./internal/slopeTest.ts";

export function trendDecreasing(xs: readonly number[], ys: readonly number[], options: SlopeTestOptions = {}): Decision {
  const fn = "trendDecreasing";
  const { alpha, label, xLabel } = checkSlopeArguments(fn, xs, ys, options);
  return slopeTest({
    fn,
    xs,
    ys,
    threshold: 0,
    alpha,
    rule: `${label} decreases with ${xLabel}: upper ${confidencePercent(alpha)} bound of the OLS slope < 0 (one-sided t-test)`,
    quantity: `slope of ${label} vs ${xLabel}`,
  });
}
