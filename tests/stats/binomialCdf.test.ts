/**
 * Exact binomial CDF: scipy references, a brute-force reference by exact products for small n,
 * the complement identity, and the incomplete-beta identity P(X ≤ k) = I_{1−p}(n − k, k + 1).
 */
import { describe, expect } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { binomialCdf, regularizedIncompleteBeta } from "../../src/stats/index.ts";
import { activeProfile } from "../../src/profile.ts";
import { IDENTITY_ABSOLUTE, REFERENCE_RELATIVE, expectClose } from "./helpers/tolerances.ts";

const numRuns = activeProfile().exactRuns;

/** scipy 1.17.1 `scipy.stats.binom.cdf(k, n, p)`. */
const SCIPY_CDF: Array<[k: number, n: number, p: number, value: number]> = [
  [3, 10, 0.3, 0.6496107184000002],
  [0, 20, 0.1, 0.12157665459056925],
  [50, 100, 0.5, 0.5397946186935889],
  [7, 1000, 0.01, 0.2188631945324558],
  [990, 1000, 0.995, 0.03146523851129185],
  [12, 30, 0.55, 0.07138943893437497],
];

/** The slow, obviously correct reference: Σ C(n, j) p^j (1 − p)^{n−j} with C by Pascal's rule. */
function bruteForceCdf(k: number, n: number, p: number): number {
  let row = [1];
  for (let i = 0; i < n; i++) row = [1, ...row.slice(1).map((c, j) => c + row[j]!), 1];
  let sum = 0;
  for (let j = 0; j <= Math.min(k, n); j++) sum += row[j]! * p ** j * (1 - p) ** (n - j);
  return sum;
}

const smallCase = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(fc.integer({ min: -2, max: n + 2 }), fc.constant(n), fc.double({ min: 0, max: 1, noNaN: true })));

describe("binomialCdf", () => {
  test.each(SCIPY_CDF)("P(X ≤ %s | n = %s, p = %s) = %s (scipy)", (k, n, p, value) => {
    expectClose(binomialCdf(k, n, p), value, { relative: REFERENCE_RELATIVE }, `binomialCdf(${k}, ${n}, ${p})`);
  });

  test("counting: n = 5, p = ½ gives multiples of 1/32; out-of-range k gives 0 or 1; p ∈ {0, 1}", () => {
    expect(binomialCdf(2, 5, 0.5)).toBeCloseTo(16 / 32, 14);
    expect(binomialCdf(0, 5, 0.5)).toBeCloseTo(1 / 32, 15);
    expect(binomialCdf(-1, 5, 0.5)).toBe(0);
    expect(binomialCdf(5, 5, 0.5)).toBe(1);
    expect(binomialCdf(0, 5, 0)).toBe(1);
    expect(binomialCdf(4, 5, 1)).toBe(0);
    expect(binomialCdf(0, 0, 0.3)).toBe(1);
  });

  test.prop([smallCase], { numRuns })("agrees with the brute-force sum (Pascal's triangle) for n ≤ 40", ([k, n, p]) => {
    expectClose(binomialCdf(k, n, p), bruteForceCdf(k, n, p), { absolute: IDENTITY_ABSOLUTE, relative: 0 }, `k = ${k}, n = ${n}, p = ${p}`);
  });

  test.prop([smallCase], { numRuns })("complement: P(X ≤ k | p) + P(X ≤ n − k − 1 | 1 − p) = 1, and monotone in k", ([k, n, p]) => {
    expectClose(binomialCdf(k, n, p) + binomialCdf(n - k - 1, n, 1 - p), 1, { absolute: IDENTITY_ABSOLUTE, relative: 0 }, "complement");
    expect(binomialCdf(k, n, p)).toBeLessThanOrEqual(binomialCdf(k + 1, n, p));
  });

  test.prop([fc.integer({ min: 1, max: 2000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.constant(n))), fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true })], {
    numRuns,
  })("incomplete-beta identity: P(X ≤ k) = I_{1−p}(n − k, k + 1)", ([k, n], p) => {
    expectClose(binomialCdf(k, n, p), regularizedIncompleteBeta(1 - p, n - k, k + 1), { absolute: 1e-11, relative: 1e-9 }, `k = ${k}, n = ${n}`);
  });
});
