/**
 * Clopper–Pearson exact interval: closed forms at k = 0 and k = n, the defining tail equations,
 * exact coverage ≥ the confidence level, and one- vs two-sided consistency.
 */
import { describe, expect } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { binomialCdf, clopperPearson } from "../../src/stats/index.ts";
import { activeProfile } from "../../src/profile.ts";
import { expectClose } from "./helpers/tolerances.ts";

const numRuns = activeProfile().exactRuns;
/** The bounds come from a bisection to ~2e-16 relative: the tail equations hold to ~1e-12. */
const TAIL_EQUATION_ABSOLUTE = 1e-12;

const design = fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
const confidence = fc.constantFrom(0.8, 0.9, 0.95, 0.99);

describe("clopperPearson", () => {
  test.prop([fc.integer({ min: 1, max: 500 }), confidence], { numRuns })(
    "closed forms: k = 0 → upper = 1 − (α/2)^{1/n}; k = n → lower = (α/2)^{1/n}; one-sided lower at k = n is α^{1/n}",
    (n, c) => {
      const alpha = 1 - c;
      const [lower0, upper0] = clopperPearson(0, n, c);
      expect(lower0).toBe(0);
      expectClose(upper0, -Math.expm1(Math.log(alpha / 2) / n), { relative: 1e-13 }, `upper at k = 0, n = ${n}`);
      const [lowerN, upperN] = clopperPearson(n, n, c);
      expect(upperN).toBe(1);
      expectClose(lowerN, (alpha / 2) ** (1 / n), { relative: 1e-13 }, `lower at k = n = ${n}`);
      expectClose(clopperPearson(n, n, c, "lower")[0], alpha ** (1 / n), { relative: 1e-13 }, "one-sided lower");
    },
  );

  test.prop([design, confidence], { numRuns })(
    "tail equations: P(X ≥ k | L) = α/2 and P(X ≤ k | U) = α/2",
    ([k, n], c) => {
      const alpha = 1 - c;
      const [lower, upper] = clopperPearson(k, n, c);
      if (k > 0) expectClose(binomialCdf(n - k, n, 1 - lower), alpha / 2, { absolute: TAIL_EQUATION_ABSOLUTE, relative: 0 }, "P(X ≥ k | L)");
      if (k < n) expectClose(binomialCdf(k, n, upper), alpha / 2, { absolute: TAIL_EQUATION_ABSOLUTE, relative: 0 }, "P(X ≤ k | U)");
      expect(lower <= k / n && k / n <= upper, `[${lower}, ${upper}] contains ${k}/${n}`).toBe(true);
    },
  );

  test.prop([fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), confidence], { numRuns })(
    "exact coverage: Σ_k P(k | n, p) · [p ∈ CI(k)] ≥ confidence for every true p",
    (n, p, c) => {
      let coverage = 0;
      for (let k = 0; k <= n; k++) {
        const [lower, upper] = clopperPearson(k, n, c);
        if (lower <= p && p <= upper) coverage += binomialCdf(k, n, p) - binomialCdf(k - 1, n, p);
      }
      expect(coverage, `coverage at n = ${n}, p = ${p}`).toBeGreaterThanOrEqual(c - 1e-12);
    },
  );

  test.prop([design, confidence], { numRuns })(
    "one-sided at c = two-sided at 2c − 1; bounds increase with k",
    ([k, n], c) => {
      const twoSided = clopperPearson(k, n, 2 * c - 1);
      expectClose(clopperPearson(k, n, c, "lower")[0], twoSided[0], { relative: 1e-12, absolute: 1e-15 }, "lower");
      expectClose(clopperPearson(k, n, c, "upper")[1], twoSided[1], { relative: 1e-12, absolute: 1e-15 }, "upper");
      if (k < n) {
        const current = clopperPearson(k, n, c);
        const next = clopperPearson(k + 1, n, c);
        expect(next[0]).toBeGreaterThan(current[0]);
        expect(next[1]).toBeGreaterThan(current[1]);
      }
    },
  );
});
