/**
 * Generic checks every Decision must pass (shared by the rule tests), and the acceptance band of a
 * Monte-Carlo rate.
 */
import { expect } from "vitest";
import { binomialCdf, type Decision } from "../../../src/stats/index.ts";

/** Structural invariants of a Decision, whatever the rule. */
export function expectWellFormed(d: Decision): void {
  expect(typeof d.holds).toBe("boolean");
  expect(d.alpha > 0 && d.alpha <= 0.5, `alpha = ${d.alpha}`).toBe(true);
  expect(d.values.length, "values has one entry per seed").toBe(d.n);
  expect(d.rule.length).toBeGreaterThan(0);
  if (d.inconclusive !== undefined) {
    expect(d.holds, "an inconclusive decision never holds").toBe(false);
    expect(d.summary.endsWith(": inconclusive"), d.summary).toBe(true);
    expect(d.summary).toContain(d.inconclusive);
    return;
  }
  expect(d.summary.endsWith(d.holds ? ": held" : ": not held"), d.summary).toBe(true);
  const [lower, upper] = d.interval;
  expect(lower <= d.estimate && d.estimate <= upper, `estimate ${d.estimate} in [${lower}, ${upper}]`).toBe(true);
  if (d.pValue !== undefined) expect(d.pValue >= 0 && d.pValue <= 1, `pValue = ${d.pValue}`).toBe(true);
}

/**
 * The two-sided acceptance band [lo, hi] for a count X ~ Binomial(trials, p) at the given level:
 * P(X < lo) ≤ (1 − level)/2 and P(X > hi) ≤ (1 − level)/2. A Monte-Carlo count outside it means
 * the stated α does not match the measured false-positive rate.
 */
export function binomialBand(trials: number, p: number, level = 0.999): [number, number] {
  const tail = (1 - level) / 2;
  let lo = 0;
  while (binomialCdf(lo, trials, p) < tail) lo++;
  let hi = lo;
  while (binomialCdf(hi, trials, p) < 1 - tail) hi++;
  return [lo, hi];
}
