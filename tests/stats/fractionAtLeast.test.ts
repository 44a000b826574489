/**
 * Binomial success-rate rules: `fractionAtLeast` (exact Clopper–Pearson lower bound ≥ p₀) and the
 * count rule `kOfN` with its implied probability. Exact size ≤ α at the null boundary, duality
 * with the p-value, and the minimum number of runs.
 */
import { describe, expect } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { binomialCdf, clopperPearson, fractionAtLeast, kOfN } from "../../src/stats/index.ts";
import { activeProfile } from "../../src/profile.ts";
import { expectWellFormed } from "./helpers/decisions.ts";

const numRuns = activeProfile().exactRuns;

function runs(k: number, n: number): boolean[] {
  return Array.from({ length: n }, (_, i) => i < k);
}

const p0 = fc.double({ min: 0.05, max: 0.95, noNaN: true });
const alpha = fc.constantFrom(0.01, 0.05, 0.1);

describe("fractionAtLeast", () => {
  test("5 of 5 passes p₀ = ½ at α = 0.05 (bound 0.549); 4 of 5 does not; 4 runs can never pass", () => {
    const five = fractionAtLeast(runs(5, 5), 0.5, { label: "NC1 < 0.05" });
    expectWellFormed(five);
    expect(five.holds).toBe(true);
    expect(five.interval[0]).toBeCloseTo(0.05 ** 0.2, 12);
    expect(five.summary).toContain("5 of 5 runs had NC1 < 0.05");
    expect(fractionAtLeast(runs(4, 5), 0.5).holds).toBe(false);
    const four = fractionAtLeast(runs(4, 4), 0.5);
    expectWellFormed(four);
    expect(four.holds).toBe(false);
    expect(four.inconclusive).toContain("cannot pass with fewer than 5 runs");
    expect(fractionAtLeast([], 0.5).inconclusive).toBe("no runs");
  });

  test.prop([fc.integer({ min: 1, max: 80 }), p0, alpha], { numRuns })(
    "exact size: when P(success) = p₀, P(holds) = Σ_k P(k | n, p₀) [holds(k)] ≤ α",
    (n, p, a) => {
      let size = 0;
      for (let k = 0; k <= n; k++) {
        if (fractionAtLeast(runs(k, n), p, { alpha: a }).holds) size += binomialCdf(k, n, p) - binomialCdf(k - 1, n, p);
      }
      expect(size, `n = ${n}, p₀ = ${p}`).toBeLessThanOrEqual(a + 1e-9);
    },
  );

  test.prop([fc.integer({ min: 1, max: 80 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), p0, alpha], { numRuns })(
    "well-formed; holds ⇔ p = P(X ≥ k | n, p₀) ≤ α (away from rounding ties); order of runs is irrelevant",
    ([k, n], p, a) => {
      const d = fractionAtLeast(runs(k, n), p, { alpha: a });
      expectWellFormed(d);
      if (d.inconclusive !== undefined) {
        expect(a ** (1 / n)).toBeLessThan(p);
        return;
      }
      if (Math.abs(d.pValue! - a) > 1e-9) expect(d.holds).toBe(d.pValue! <= a);
      expect(fractionAtLeast(runs(k, n).reverse(), p, { alpha: a }).holds).toBe(d.holds);
    },
  );
});

describe("kOfN", () => {
  test("4 of 5 required: the rule states the implied bound P(success) ≥ 0.343 at 95%", () => {
    const d = kOfN([true, true, false, true, true], 4);
    expectWellFormed(d);
    expect(d.holds).toBe(true);
    expect(d.rule).toBe("at least 4 of 5 runs have success (passing implies P(success) ≥ 0.343 at 95% confidence)");
    expect(kOfN([true, false, false, true, true], 4).holds).toBe(false);
    expect(kOfN([], 1).inconclusive).toBe("no runs");
  });

  test.prop([fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.integer({ min: 0, max: n }), fc.constant(n))), alpha], {
    numRuns,
  })("kOfN(k) decides as fractionAtLeast at the implied p₀ = L(k, n) (the stated probability is the rule's meaning)", ([k, count, n], a) => {
    const d = kOfN(runs(count, n), k, { alpha: a });
    expectWellFormed(d);
    expect(d.holds).toBe(count >= k);
    const implied = clopperPearson(k, n, 1 - a, "lower")[0];
    // At p₀ slightly below the implied bound, the exact test agrees with the count rule.
    const p = implied * (1 - 1e-9);
    if (p > 0 && p < 1 && a ** (1 / n) >= p) expect(fractionAtLeast(runs(count, n), p, { alpha: a }).holds).toBe(d.holds);
  });
});
