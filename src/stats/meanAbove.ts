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
import { meanThresholdTest } from "./internal/meanTest.ts";

export function meanAbove(values: readonly number[], threshold: number, options: MeanTestOptions = {}): Decision {
  return meanThresholdTest("meanAbove", "above", values, threshold, options);
}
