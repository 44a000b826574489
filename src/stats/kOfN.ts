/**
 * The fixed count rule "at least k of the n runs succeed", with the probability statement it
 * implies made explicit. holds iff #successes ≥ k. If the rule passes, then — at confidence
 * 1 − α — each run succeeds with probability at least
 *
 *   L(k, n) = one-sided (1 − α) Clopper–Pearson lower bound for k of n = B⁻¹(α; k, n − k + 1),
 *
 * (e.g. 4 of 5 at α = 0.05: P(success) ≥ 0.343; 5 of 5: ≥ 0.549), which the rule sentence states.
 * It is `fractionAtLeast(successes, L(k, n), { alpha })` in a form that reads as a count. The
 * Decision's interval is the lower bound for the observed count, `estimate` the observed fraction.
 * A run that diverged is passed as `null`: the decision is then inconclusive (holds = false), never
 * a pass — also when the other runs alone would reach k. (`false` would count it as an ordinary
 * failure, which lets "4 of 5" pass with a diverged run.)
 *
 * @example
 *   kOfN([true, true, false, true, true], 4).holds // => true
 *   kOfN([true, false, false, true, true], 4).holds // => false
 *   kOfN([true, true, null, true, true], 4).inconclusive !== undefined // => true
 *
 * @see fractionAtLeast, clopperPearson
 */
import type { Decision } from "./Decision.ts";
import { clopperPearson } from "./clopperPearson.ts";
import { confidencePercent, formatNumber } from "./internal/format.ts";
import { inconclusiveDecision } from "./internal/inconclusive.ts";
import { undecidedReason } from "./internal/nonFinite.ts";
import { checkAlpha, checkIntegerIn, checkLabel, checkOptions, checkOutcomeArray } from "./internal/validate.ts";

/** Options of `kOfN`. */
export interface KOfNOptions {
  /** Level α ∈ (0, 0.5] (0 exclusive, 0.5 inclusive) of the implied probability bound. Default 0.05. */
  alpha?: number;
  /** What a success is, e.g. "NC1 < 0.05". Default "success". */
  label?: string;
}

export function kOfN(successes: readonly (boolean | null)[], k: number, options: KOfNOptions = {}): Decision {
  const fn = "kOfN";
  checkOptions(fn, options);
  const { alpha = 0.05, label = "success" } = options;
  checkOutcomeArray(fn, "successes", successes);
  const n = successes.length;
  checkAlpha(fn, alpha);
  checkLabel(fn, "label", label);
  const values: number[] = successes.map((s) => (s === null ? Number.NaN : s ? 1 : 0));
  if (n === 0) {
    checkIntegerIn(fn, "k", k, 1, Number.MAX_SAFE_INTEGER);
    return inconclusiveDecision({ rule: `at least ${k} of 0 runs have ${label}`, alpha, n, values, reason: "no runs" });
  }
  checkIntegerIn(fn, "k", k, 1, n, `successes.length = ${n}`);
  const percent = confidencePercent(alpha);
  const implied = clopperPearson(k, n, 1 - alpha, "lower")[0];
  const rule = `at least ${k} of ${n} runs have ${label} (passing implies P(${label}) ≥ ${formatNumber(implied)} at ${percent} confidence)`;
  const undecided = undecidedReason("successes", successes);
  if (undecided !== undefined) return inconclusiveDecision({ rule, alpha, n, values, reason: undecided });
  const count = values.reduce((sum, v) => sum + v, 0);
  const holds = count >= k;
  const lower = clopperPearson(count, n, 1 - alpha, "lower")[0];
  return {
    holds,
    rule,
    alpha,
    n,
    estimate: count / n,
    interval: [lower, 1],
    values,
    summary:
      `${count} of ${n} runs had ${label} (${k} required); ` +
      `lower ${percent} bound of P(${label}) = ${formatNumber(lower)}: ${holds ? "held" : "not held"}`,
  };
}
