/**
 * Decides "the mean of the measured quantity is below `threshold`" from per-seed values, by a
 * one-sided t-test: with x̄, sample sd s and n seeds,
 *
 *   upper (1 − α) bound U = x̄ + t_{1−α, n−1} · s/√n,    holds iff U < threshold,
 *
 * equivalently p = P(T_{n−1} ≤ (x̄ − threshold)/(s/√n)) < α (H₀: mean ≥ threshold).
 * Assumptions: seeds independent, the quantity roughly normal across seeds (test a log10 of
 * metrics spanning decades, e.g. NC1). When the true mean equals the threshold the rule holds with
 * probability α (its stated false-positive rate; checked by a Monte-Carlo test).
 * Inconclusive (holds = false) when a value is non-finite or n < 2. All values equal: U = x̄.
 *
 * @example
 *   meanBelow([-2.4, -2.2, -2.3, -2.5], -1.3).holds // => true
 *   meanBelow([-2.4, -0.2, -2.3, 1.5], -1.3).holds // => false
 *   meanBelow([-2.4, NaN, -2.3], -1.3).inconclusive !== undefined // => true
 *
 * @see meanAbove, pairedLess, assertDecision
 */
import type { Decision } from "./Decision.ts";
import { meanThresholdTest } from "./internal/meanTest.ts";

/** Options of `meanBelow` and `meanAbove`. */
export interface MeanTestOptions {
  /** Significance level α ∈ (0, 0.5] (0 exclusive, 0.5 inclusive); the bound has confidence 1 − α. Default 0.05. */
  alpha?: number;
  /** Name of the measured quantity for the rule and summary, e.g. "log10 NC1". Default "value". */
  label?: string;
}

export function meanBelow(values: readonly number[], threshold: number, options: MeanTestOptions = {}): Decision {
  return meanThresholdTest("meanBelow", "below", values, threshold, options);
}
