/**
 * Decides "a tends to be smaller than b" from paired per-seed values by the exact one-sided sign
 * test — distribution-free, for when differences are far from normal (outlier seeds, heavy tails):
 *
 *   d_i = a_i − b_i; ties (d_i = 0) dropped, m = #untied, s = #{d_i < 0};
 *   p = P(S ≥ s | S ~ Binomial(m, ½)) = binomialCdf(m − s, m, ½),    holds iff p ≤ α.
 *
 * H₀: P(a < b) ≤ ½ among untied pairs. The interval is the one-sided (1 − α) Clopper–Pearson lower
 * bound on P(a < b) and `estimate` is s/m; p ≤ α exactly when that bound is ≥ ½.
 * Because the smallest attainable p is 2^{−m}, the rule can only pass with m ≥ log₂(1/α) untied
 * pairs (5 at α = 0.05, 7 at α = 0.01); below that it is reported inconclusive rather than "not
 * held". Also inconclusive: a non-finite value. The Decision's `values` are the differences.
 *
 * @example
 *   signTestLess([1, 2, 3, 4, 5], [2, 3, 4, 5, 6]).pValue // => 0.03125
 *   signTestLess([1, 2, 3, 4], [2, 3, 4, 5]).inconclusive !== undefined // => true
 *
 * @see pairedLess, binomialCdf
 */
import type { Decision } from "./Decision.ts";
import { binomialCdf } from "./binomialCdf.ts";
import { clopperPearson } from "./clopperPearson.ts";
import { confidencePercent, formatConstant, formatNumber, formatP } from "./internal/format.ts";
import { inconclusiveDecision } from "./internal/inconclusive.ts";
import { nonFiniteReason } from "./internal/nonFinite.ts";
import {
  checkAlpha,
  checkLabel,
  checkNames,
  checkNumberArray,
  checkOptions,
  checkSameLength,
} from "./internal/validate.ts";

/** Options of `signTestLess`. */
export interface SignTestOptions {
  /** Significance level α ∈ (0, 0.5] (0 exclusive, 0.5 inclusive). Default 0.05. */
  alpha?: number;
  /** Name of the measured quantity. Default "value". */
  label?: string;
  /** Names of the two conditions. Default ["a", "b"]. */
  names?: [string, string];
}

export function signTestLess(a: readonly number[], b: readonly number[], options: SignTestOptions = {}): Decision {
  const fn = "signTestLess";
  checkOptions(fn, options);
  const { alpha = 0.05, label = "value", names = ["a", "b"] } = options;
  checkNumberArray(fn, "a", a);
  checkNumberArray(fn, "b", b);
  checkSameLength(fn, "a", a, "b", b);
  checkAlpha(fn, alpha);
  checkLabel(fn, "label", label);
  checkNames(fn, names);
  const [nameA, nameB] = names;
  const n = a.length;
  const values = a.map((ai, i) => ai - b[i]!);
  const rule =
    `exact one-sided sign test on ${label}: P(${nameA} < ${nameB}) > ½ among untied pairs, ` +
    `holds iff p ≤ ${formatConstant(alpha)}`;
  const base = { rule, alpha, n, values };
  const nonFinite = nonFiniteReason([
    ["a", a],
    ["b", b],
  ]);
  if (nonFinite !== undefined) return inconclusiveDecision({ ...base, reason: nonFinite });
  const untied = values.filter((d) => d !== 0).length;
  const smaller = values.filter((d) => d < 0).length;
  const counts = `${smaller} of ${untied} untied pairs have ${nameA} < ${nameB} (${n - untied} ties)`;
  if (untied === 0 || 2 ** -untied > alpha) {
    const minimum = Math.ceil(Math.log2(1 / alpha) - 1e-12);
    return inconclusiveDecision({
      ...base,
      estimate: untied === 0 ? Number.NaN : smaller / untied,
      reason:
        `${counts}; with ${untied} untied pairs the smallest attainable p-value is ` +
        `${formatConstant(2 ** -untied, 4)} > α = ${formatConstant(alpha)}, so the sign test cannot pass ` +
        `(it needs at least ${minimum} untied pairs)`,
    });
  }
  const pValue = binomialCdf(untied - smaller, untied, 0.5);
  const holds = pValue <= alpha;
  const lower = clopperPearson(smaller, untied, 1 - alpha, "lower")[0];
  return {
    holds,
    rule,
    alpha,
    n,
    estimate: smaller / untied,
    interval: [lower, 1],
    pValue,
    values,
    summary:
      `${counts}, p ${formatP(pValue)} ${holds ? "≤" : ">"} ${formatConstant(alpha)}; ` +
      `lower ${confidencePercent(alpha)} bound on P(${nameA} < ${nameB}) = ${formatNumber(lower)}: ` +
      `${holds ? "held" : "not held"}`,
  };
}
