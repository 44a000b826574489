/**
 * Decides "a is smaller than b" from paired per-seed values (a_i, b_i measured on the same seed,
 * e.g. a = NC1 with weight decay, b = NC1 with λ = 0), by a paired one-sided t-test on the
 * differences d_i = a_i − b_i:
 *
 *   upper (1 − α) bound U = d̄ + t_{1−α, n−1} · s_d/√n,    holds iff U < −minEffect,
 *
 * equivalently p = P(T_{n−1} ≤ (d̄ + minEffect)/(s_d/√n)) < α (H₀: E[a − b] ≥ −minEffect).
 * `minEffect` > 0 asks for a practically relevant gap, not just any. Pairing removes the
 * seed-to-seed variation shared by a and b. Assumptions: pairs independent, differences roughly
 * normal. The Decision's `values` are the differences. Inconclusive (holds = false) when a value
 * of a or b is non-finite or there are fewer than 2 pairs.
 *
 * @example
 *   pairedLess([0.10, 0.21, 0.15, 0.12], [0.50, 0.62, 0.48, 0.55]).holds // => true
 *   pairedLess([0.10, 0.21, 0.15, 0.12], [0.50, 0.62, 0.48, 0.55], { minEffect: 0.5 }).holds // => false
 *
 * @see signTestLess (distribution-free), meanBelow
 */
import type { Decision } from "./Decision.ts";
import { confidencePercent, formatConstant, formatNumber } from "./internal/format.ts";
import { meanAndSd, oneSidedMeanTest } from "./internal/meanTest.ts";
import { nonFiniteReason } from "./internal/nonFinite.ts";
import {
  checkAlpha,
  checkFinite,
  checkLabel,
  checkNames,
  checkNumberArray,
  checkOptions,
  checkSameLength,
  fail,
} from "./internal/validate.ts";

/** Options of `pairedLess`. */
export interface PairedLessOptions {
  /** Significance level α ∈ (0, 0.5] (0 exclusive, 0.5 inclusive). Default 0.05. */
  alpha?: number;
  /** Required margin ≥ 0 (inclusive): holds iff the upper bound of E[a − b] < −minEffect. Default 0. */
  minEffect?: number;
  /** Name of the measured quantity, e.g. "NC1". Default "value". */
  label?: string;
  /** Names of the two conditions, e.g. ["λ = 5e-4", "λ = 0"]. Default ["a", "b"]. */
  names?: [string, string];
}

export function pairedLess(a: readonly number[], b: readonly number[], options: PairedLessOptions = {}): Decision {
  const fn = "pairedLess";
  checkOptions(fn, options);
  const { alpha = 0.05, minEffect = 0, label = "value", names = ["a", "b"] } = options;
  checkNumberArray(fn, "a", a);
  checkNumberArray(fn, "b", b);
  checkSameLength(fn, "a", a, "b", b);
  checkAlpha(fn, alpha);
  checkFinite(fn, "minEffect", minEffect);
  if (minEffect < 0) fail(fn, "minEffect", minEffect, "is negative (expected ≥ 0)");
  checkLabel(fn, "label", label);
  checkNames(fn, names);
  const [nameA, nameB] = names;
  const differences = a.map((ai, i) => ai - b[i]!);
  const nonFinite = nonFiniteReason([
    ["a", a],
    ["b", b],
  ]);
  const threshold = minEffect === 0 ? 0 : -minEffect;
  return oneSidedMeanTest({
    values: differences,
    threshold,
    direction: "below",
    alpha,
    rule:
      `paired one-sided t-test on ${label} (${nameA} − ${nameB}): ` +
      `upper ${confidencePercent(alpha)} bound of the mean difference < ${formatConstant(threshold)}`,
    quantity: `mean difference in ${label} (${nameA} − ${nameB})`,
    unit: "pairs",
    nonFinite,
    ...(nonFinite === undefined && a.length > 0
      ? { extra: `mean ${nameA} = ${formatNumber(meanAndSd(a).mean)}, mean ${nameB} = ${formatNumber(meanAndSd(b).mean)}` }
      : {}),
  });
}
