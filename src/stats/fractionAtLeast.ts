/**
 * Decides "each run succeeds with probability at least p₀" from per-run success flags by an exact
 * binomial test: with k successes in n runs,
 *
 *   L = one-sided (1 − α) Clopper–Pearson lower bound of P(success),    holds iff L ≥ p₀,
 *
 * equivalently p = P(X ≥ k | X ~ Binomial(n, p₀)) ≤ α (H₀: P(success) < p₀). Exact for any n;
 * runs assumed independent with a common success probability. A run that diverged is passed as
 * `null`, which makes the decision inconclusive (never a pass). Even n successes out of n only give L = α^{1/n}, so the rule can pass only when
 * α^{1/n} ≥ p₀, i.e. n ≥ ln α / ln p₀ (p₀ = 0.5, α = 0.05: n ≥ 5; p₀ = 0.9: n ≥ 29); with fewer
 * runs it is reported inconclusive. For a fixed count rule see `kOfN`.
 *
 * @example
 *   fractionAtLeast([true, true, true, true, true], 0.5).holds // => true
 *   fractionAtLeast([true, true, true, true, false], 0.5).holds // => false
 *   fractionAtLeast([true, true, true, true], 0.5).inconclusive !== undefined // => true
 *   fractionAtLeast([true, true, true, true, true, null], 0.5).inconclusive !== undefined // => true
 *
 * @see kOfN, clopperPearson
 */
import type { Decision } from "./Decision.ts";
import { binomialCdf } from "./binomialCdf.ts";
import { clopperPearson } from "./clopperPearson.ts";
import { confidencePercent, formatConstant, formatNumber, formatP, formatPair } from "./internal/format.ts";
import { inconclusiveDecision } from "./internal/inconclusive.ts";
import { undecidedReason } from "./internal/nonFinite.ts";
import {
  checkAlpha,
  checkLabel,
  checkOpenProbability,
  checkOptions,
  checkOutcomeArray,
} from "./internal/validate.ts";

/** Options of `fractionAtLeast`. */
export interface FractionAtLeastOptions {
  /** Significance level α ∈ (0, 0.5] (0 exclusive, 0.5 inclusive). Default 0.05. */
  alpha?: number;
  /** What a success is, e.g. "NC1 < 0.05". Default "success". */
  label?: string;
}

export function fractionAtLeast(successes: readonly (boolean | null)[], p0: number, options: FractionAtLeastOptions = {}): Decision {
  const fn = "fractionAtLeast";
  checkOptions(fn, options);
  const { alpha = 0.05, label = "success" } = options;
  checkOutcomeArray(fn, "successes", successes);
  checkOpenProbability(fn, "p0", p0);
  checkAlpha(fn, alpha);
  checkLabel(fn, "label", label);
  const n = successes.length;
  const k = successes.filter(Boolean).length;
  const values: number[] = successes.map((s) => (s === null ? Number.NaN : s ? 1 : 0));
  const percent = confidencePercent(alpha);
  const rule = `exact binomial test: one-sided ${percent} Clopper–Pearson lower bound of P(${label}) ≥ ${formatConstant(p0)}`;
  const base = { rule, alpha, n, values };
  if (n === 0) return inconclusiveDecision({ ...base, reason: "no runs" });
  const undecided = undecidedReason("successes", successes);
  if (undecided !== undefined) return inconclusiveDecision({ ...base, reason: undecided });
  const best = alpha ** (1 / n);
  if (best < p0) {
    const needed = Math.ceil(Math.log(alpha) / Math.log(p0) - 1e-12);
    return inconclusiveDecision({
      ...base,
      estimate: k / n,
      reason:
        `${k} of ${n} runs had ${label}; even ${n} of ${n} would give a lower bound of only ` +
        `${formatNumber(best)} < ${formatConstant(p0)}, so the rule cannot pass with fewer than ${needed} runs`,
    });
  }
  const lower = clopperPearson(k, n, 1 - alpha, "lower")[0];
  const pValue = binomialCdf(n - k, n, 1 - p0);
  const holds = lower >= p0;
  const [lowerText, p0Text] = formatPair(lower, p0);
  return {
    holds,
    rule,
    alpha,
    n,
    estimate: k / n,
    interval: [lower, 1],
    pValue,
    values,
    summary:
      `${k} of ${n} runs had ${label}, lower ${percent} bound of P(${label}) ${lowerText} ` +
      `${holds ? "≥" : "<"} ${p0Text} (p ${formatP(pValue)}): ${holds ? "held" : "not held"}`,
  };
}
