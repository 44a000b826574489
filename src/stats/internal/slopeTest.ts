/**
 * One-sided t-test on an OLS slope, shared by `slopeBelow` and `trendDecreasing` (internal).
 *
 *   b = Sxy/Sxx,  s² = Σ(y − ȳ − b(x − x̄))²/(n − 2),  se(b) = s/√Sxx,
 *   upper (1 − α) bound U = b + t_{1−α, n−2} se(b),  holds iff U < threshold,
 *   p = P(T_{n−2} ≤ (b − threshold)/se(b)).
 */
import type { Decision } from "../Decision.ts";
import { studentTCdf } from "../studentTCdf.ts";
import { studentTQuantile } from "../studentTQuantile.ts";
import { confidencePercent, formatNumber, formatP, formatPair } from "./format.ts";
import { inconclusiveDecision } from "./inconclusive.ts";
import { nonFiniteReason } from "./nonFinite.ts";
import { checkAlpha, checkFinite, checkLabel, checkNumberArray, checkOptions, checkSameLength, fail } from "./validate.ts";

export interface SlopeTestSpec {
  fn: string;
  xs: readonly number[];
  ys: readonly number[];
  threshold: number;
  alpha: number;
  rule: string;
  /** e.g. "slope of log10 NC1 vs step". */
  quantity: string;
}

export function slopeTest(spec: SlopeTestSpec): Decision {
  const { fn, xs, ys, threshold, alpha, rule } = spec;
  const n = xs.length;
  const values = [...ys];
  const base = { rule, alpha, n, values };
  const nonFinite = nonFiniteReason([
    ["xs", xs],
    ["ys", ys],
  ]);
  if (nonFinite !== undefined) return inconclusiveDecision({ ...base, reason: nonFinite });
  if (n < 3) {
    return inconclusiveDecision({
      ...base,
      reason: `a slope t-test needs at least 3 points (1 residual degree of freedom), got ${n}`,
    });
  }
  const xMean = xs.reduce((s, x) => s + x, 0) / n;
  const yMean = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - xMean) ** 2;
    sxy += (xs[i]! - xMean) * (ys[i]! - yMean);
  }
  if (!(sxx > 0)) fail(fn, "xs", xs, "has no spread (all x equal): the slope is undefined", true);
  const slope = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i]! - yMean - slope * (xs[i]! - xMean)) ** 2;
  const df = n - 2;
  const se = Math.sqrt(sse / df / sxx);
  if (!Number.isFinite(slope) || !Number.isFinite(se)) {
    return inconclusiveDecision({ ...base, reason: "the values overflow double precision (slope or its se is not finite)" });
  }
  const upper = slope + studentTQuantile(1 - alpha, df) * se;
  const holds = upper < threshold;
  const pValue = se > 0 ? studentTCdf((slope - threshold) / se, df) : slope < threshold ? 0 : 1;
  const [upperText, thresholdText] = formatPair(upper, threshold);
  return {
    holds,
    rule,
    alpha,
    n,
    estimate: slope,
    interval: [-Infinity, upper],
    pValue,
    values,
    summary:
      `${spec.quantity} = ${formatNumber(slope)} (se ${formatNumber(se)}), upper ${confidencePercent(alpha)} bound ` +
      `${upperText} ${holds ? "<" : "≥"} ${thresholdText} (n = ${n} points, p ${formatP(pValue)}): ` +
      `${holds ? "held" : "not held"}`,
  };
}

/**
 * The argument checks of `slopeBelow` and `trendDecreasing` (internal), in this order: options,
 * xs, ys, equal lengths, the threshold (when given), α, label, xLabel. Returns the options with
 * their defaults (α = 0.05, label "y", xLabel "x").
 */
export function checkSlopeArguments(
  fn: string,
  xs: readonly number[],
  ys: readonly number[],
  options: { alpha?: number; label?: string; xLabel?: string },
  threshold?: number,
): { alpha: number; label: string; xLabel: string } {
  checkOptions(fn, options);
  const { alpha = 0.05, label = "y", xLabel = "x" } = options;
  checkNumberArray(fn, "xs", xs);
  checkNumberArray(fn, "ys", ys);
  checkSameLength(fn, "xs", xs, "ys", ys);
  if (threshold !== undefined) checkFinite(fn, "threshold", threshold);
  checkAlpha(fn, alpha);
  checkLabel(fn, "label", label);
  checkLabel(fn, "xLabel", xLabel);
  return { alpha, label, xLabel };
}
