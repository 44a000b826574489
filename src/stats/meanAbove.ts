/**
 * Decides "the mean of the measured quantity is above `threshold`" from per-seed values, by a
 * one-sided t-test — the mirror image of `meanBelow`:
 *
 *   lower (1 − α) bound L = x̄ − t_{1−α, n−1} · s/√n,    holds iff L > threshold,
 *
 * equivalently p = P(T_{n−1} ≥ (x̄ − threshold)/(s/√n)) < α (H₀: mean ≤ threshold). Same
 * assumptions and inconclusive cases as `meanBelow`; meanAbove(v, c) decides exactly as
 * meanBelow(−v, −c).
 *
 * @example
 *   meanAbove([0.97, 0.99, 0.98], 0.9).holds // => true
 *   meanAbove([0.97], 0.9).inconclusive !== undefined // => true
 *
 * @see meanBelow
 */
import type { Decision } from "./Decision.ts";
import type { MeanTestOptions } from "./meanBelow.ts";
import { confidencePercent, formatConstant } from "./internal/format.ts";
import { oneSidedMeanTest } from "./internal/meanTest.ts";
import { nonFiniteReason } from "./internal/nonFinite.ts";
import { checkAlpha, checkFinite, checkLabel, checkNumberArray, checkOptions } from "./internal/validate.ts";

export function meanAbove(values: readonly number[], threshold: number, options: MeanTestOptions = {}): Decision {
  const fn = "meanAbove";
  checkOptions(fn, options);
  const { alpha = 0.05, label = "value" } = options;
  checkNumberArray(fn, "values", values);
  checkFinite(fn, "threshold", threshold);
  checkAlpha(fn, alpha);
  checkLabel(fn, "label", label);
  return oneSidedMeanTest({
    values: [...values],
    threshold,
    direction: "above",
    alpha,
    rule: `one-sided t-test on ${label}: lower ${confidencePercent(alpha)} bound of the mean > ${formatConstant(threshold)}`,
    quantity: `mean ${label}`,
    unit: "seeds",
    nonFinite: nonFiniteReason([["values", values]]),
  });
}
