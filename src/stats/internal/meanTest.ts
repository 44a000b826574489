/**
 * One-sample one-sided t-test shared by `meanBelow`, `meanAbove` and `pairedLess` (internal), and
 * the argument checks and rule of `meanBelow` / `meanAbove` (`meanThresholdTest`).
 *
 * With mean x̄, sample sd s (n − 1 denominator), se = s/√n and t* = t_{1−α, n−1}:
 *   "below": upper bound x̄ + t* se, holds iff upper < threshold, p = P(T_{n−1} ≤ (x̄ − threshold)/se);
 *   "above": lower bound x̄ − t* se, holds iff lower > threshold, p = P(T_{n−1} ≥ (x̄ − threshold)/se).
 * "holds" and "p < α" agree (up to rounding at the boundary). Zero spread (all values equal) gives
 * a zero-width bound at x̄ and p = 0 or 1.
 */
import type { Decision } from "../Decision.ts";
import { studentTCdf } from "../studentTCdf.ts";
import { studentTQuantile } from "../studentTQuantile.ts";
import { confidencePercent, formatConstant, formatNumber, formatP, formatPair } from "./format.ts";
import { inconclusiveDecision } from "./inconclusive.ts";
import { nonFiniteReason } from "./nonFinite.ts";
import { checkAlpha, checkFinite, checkLabel, checkNumberArray, checkOptions } from "./validate.ts";

export interface MeanTestSpec {
  values: number[];
  threshold: number;
  direction: "below" | "above";
  alpha: number;
  /** The full rule sentence. */
  rule: string;
  /** What x̄ is, e.g. "mean log10 NC1". */
  quantity: string;
  /** The unit counted by n, e.g. "seeds" or "pairs". */
  unit: string;
  /** Reason when some input is non-finite (computed by the caller, which knows the argument names). */
  nonFinite: string | undefined;
  /** Extra text for the summary's parenthesis, e.g. "mean a = 0.31, mean b = 0.42". */
  extra?: string;
}

/** x̄ and the sample standard deviation s (two-pass). */
export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return { mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN };
}

export function oneSidedMeanTest(spec: MeanTestSpec): Decision {
  const { values, threshold, direction, alpha, rule } = spec;
  const n = values.length;
  const base = { rule, alpha, n, values };
  if (spec.nonFinite !== undefined) return inconclusiveDecision({ ...base, reason: spec.nonFinite });
  if (n < 2) {
    return inconclusiveDecision({
      ...base,
      reason: `a t-test needs at least 2 ${spec.unit} to estimate the spread, got ${n}`,
    });
  }
  const { mean, sd } = meanAndSd(values);
  if (!Number.isFinite(mean) || !Number.isFinite(sd)) {
    return inconclusiveDecision({ ...base, reason: "the values overflow double precision (mean or sd is not finite)" });
  }
  const df = n - 1;
  const se = sd / Math.sqrt(n);
  const margin = studentTQuantile(1 - alpha, df) * se;
  const below = direction === "below";
  const bound = below ? mean + margin : mean - margin;
  const holds = below ? bound < threshold : bound > threshold;
  const pValue =
    se > 0
      ? studentTCdf(below ? (mean - threshold) / se : (threshold - mean) / se, df)
      : (below ? mean < threshold : mean > threshold)
        ? 0
        : 1;
  const [boundText, thresholdText] = formatPair(bound, threshold);
  const comparison = below ? (holds ? "<" : "≥") : holds ? ">" : "≤";
  const extra = spec.extra === undefined ? "" : `; ${spec.extra}`;
  const summary =
    `${spec.quantity} = ${formatNumber(mean)} (sd ${formatNumber(sd)}), ` +
    `${below ? "upper" : "lower"} ${confidencePercent(alpha)} bound ${boundText} ${comparison} ${thresholdText} ` +
    `(n = ${n} ${spec.unit}, p ${formatP(pValue)}${extra}): ${holds ? "held" : "not held"}`;
  return {
    holds,
    rule,
    alpha,
    n,
    estimate: mean,
    interval: below ? [-Infinity, bound] : [bound, Infinity],
    pValue,
    values,
    summary,
  };
}

/**
 * `meanBelow` / `meanAbove` (internal): validates the arguments of `fn` (options, values,
 * threshold, α, label — in this order), then the one-sided t-test over seeds in `direction`, with
 * the rule "one-sided t-test on <label>: upper|lower (1 − α) bound of the mean <|> threshold".
 */
export function meanThresholdTest(
  fn: string,
  direction: "below" | "above",
  values: readonly number[],
  threshold: number,
  options: { alpha?: number; label?: string },
): Decision {
  checkOptions(fn, options);
  const { alpha = 0.05, label = "value" } = options;
  checkNumberArray(fn, "values", values);
  checkFinite(fn, "threshold", threshold);
  checkAlpha(fn, alpha);
  checkLabel(fn, "label", label);
  const bound = direction === "below" ? `upper ${confidencePercent(alpha)} bound of the mean <` : `lower ${confidencePercent(alpha)} bound of the mean >`;
  return oneSidedMeanTest({
    values: [...values],
    threshold,
    direction,
    alpha,
    rule: `one-sided t-test on ${label}: ${bound} ${formatConstant(threshold)}`,
    quantity: `mean ${label}`,
    unit: "seeds",
    nonFinite: nonFiniteReason([["values", values]]),
  });
}
