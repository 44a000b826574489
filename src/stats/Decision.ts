/**
 * The outcome of a statistical decision rule applied to per-seed measurements.
 *
 * A claim's prediction *holds* when the rule's one-sided confidence bound lies on the predicted
 * side of the threshold (equivalently, its p-value is below α). A rule that cannot decide — a
 * non-finite value from a diverged run, too few seeds for the rule, or a design that can never
 * reach α — sets `inconclusive` with the reason and `holds = false`: never a pass.
 */
export interface Decision {
  /** The prediction held at confidence 1 − α. Always false when `inconclusive` is set. */
  holds: boolean;
  /** One sentence stating the rule, e.g. "one-sided t-test on log10 NC1: upper 95% bound of the mean < -1.30". */
  rule: string;
  /** Significance level of the rule (the stated false-positive rate). */
  alpha: number;
  /** Number of seeds (values, pairs, runs or points) the rule saw, non-finite ones included. */
  n: number;
  /** Point estimate of the tested quantity (a mean, mean difference, slope or proportion); NaN when inconclusive. */
  estimate: number;
  /** The confidence interval used: one-sided ones are [-Infinity, upper] or [lower, Infinity] ([lower, 1] for probabilities). */
  interval: [number, number];
  /** One-sided p-value against the prediction, when the rule has one. */
  pValue?: number;
  /**
   * The per-seed values the rule tested, for the report: the measurements (t-tests), the
   * differences a − b (paired rules), 1/0 per run (binomial rules), the ys (slope rules).
   */
  values: number[];
  /** Human text for reports and failure messages, ending in ": held", ": not held" or the inconclusive reason. */
  summary: string;
  /** Why the rule could not decide (set only then; `holds` is false). */
  inconclusive?: string;
}
