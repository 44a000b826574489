/**
 * Exact sign test `signTestLess`: exact p-values, ties dropped, invariance under a common strictly
 * increasing transform, holds ⇔ Clopper–Pearson lower bound ≥ ½, exact size ≤ α, and the
 * "too few pairs to ever pass" case reported as inconclusive.
 */
import { describe, expect } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { binomialCdf, signTestLess } from "../../src/stats/index.ts";
import { activeProfile } from "../../src/profile.ts";
import { expectWellFormed } from "./helpers/decisions.ts";

const numRuns = activeProfile().exactRuns;

/** Pairs with `smaller` of `m` having a < b and the rest a > b. */
function design(smaller: number, m: number): [number[], number[]] {
  const a = Array.from({ length: m }, (_, i) => (i < smaller ? i : i + 10));
  const b = Array.from({ length: m }, (_, i) => i + 5);
  return [a, b];
}

const pairs = fc
  .integer({ min: 1, max: 15 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }),
    ),
  );

describe("signTestLess", () => {
  test("exact p-values: 5 of 5 → 1/32; 9 of 10 → 11/1024", () => {
    const all = signTestLess(...design(5, 5));
    expectWellFormed(all);
    expect(all.pValue).toBeCloseTo(1 / 32, 14);
    expect(all.holds).toBe(true);
    const nine = signTestLess(...design(9, 10));
    expect(nine.pValue).toBeCloseTo(11 / 1024, 14);
    expect(nine.estimate).toBe(0.9);
  });

  test("ties are dropped: 5 wins and 3 ties decide like 5 of 5", () => {
    const [a, b] = design(5, 5);
    const d = signTestLess([...a, 1, 2, 3], [...b, 1, 2, 3]);
    expect(d.n).toBe(8);
    expect(d.pValue).toBeCloseTo(1 / 32, 14);
    expect(d.summary).toContain("5 of 5 untied pairs have a < b (3 ties)");
  });

  test("too few untied pairs to ever reach α: inconclusive, saying how many are needed", () => {
    const d = signTestLess(...design(4, 4));
    expectWellFormed(d);
    expect(d.holds).toBe(false);
    expect(d.inconclusive).toContain("smallest attainable p-value is 0.0625 > α = 0.05");
    expect(d.inconclusive).toContain("at least 5 untied pairs");
    expect(signTestLess(...design(6, 6), { alpha: 0.01 }).inconclusive).toContain("at least 7 untied pairs");
    expect(signTestLess([1, 2], [1, 2]).inconclusive).toBeDefined();
    expect(signTestLess([1, NaN, 3, 4, 5], [2, 3, 4, 5, 6]).inconclusive).toContain("a[1] = NaN");
  });

  test.prop([pairs, fc.constantFrom(0.01, 0.05, 0.2)], { numRuns })(
    "well-formed; p = P(Bin(m, ½) ≥ s); holds ⇔ p ≤ α ⇔ lower bound on P(a < b) ≥ ½ (when decidable)",
    ([a, b], alpha) => {
      const d = signTestLess(a, b, { alpha });
      expectWellFormed(d);
      if (d.inconclusive !== undefined) return;
      const m = d.values.filter((x) => x !== 0).length;
      const s = d.values.filter((x) => x < 0).length;
      expect(d.pValue).toBeCloseTo(1 - binomialCdf(s - 1, m, 0.5), 12);
      expect(d.holds).toBe(d.pValue! <= alpha);
      expect(d.holds).toBe(d.interval[0] >= 0.5 - 1e-12);
    },
  );

  test.prop([pairs], { numRuns })("invariant under a common strictly increasing transform (distribution-free)", ([a, b]) => {
    const f = (x: number) => Math.exp(x) + x ** 3;
    const d = signTestLess(a, b);
    const g = signTestLess(a.map(f), b.map(f));
    expect(g.holds).toBe(d.holds);
    expect(g.pValue).toBe(d.pValue);
  });

  test.prop([fc.integer({ min: 1, max: 60 }), fc.constantFrom(0.01, 0.05, 0.1)], { numRuns: 60 })(
    "exact size: with P(a < b) = ½, P(holds) = Σ_s P(S = s) [holds(s)] ≤ α",
    (m, alpha) => {
      let size = 0;
      for (let s = 0; s <= m; s++) {
        if (signTestLess(...design(s, m), { alpha }).holds) size += binomialCdf(s, m, 0.5) - binomialCdf(s - 1, m, 0.5);
      }
      expect(size).toBeLessThanOrEqual(alpha + 1e-12);
    },
  );
});
