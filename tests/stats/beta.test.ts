/**
 * Regularised incomplete beta function and its quantile: scipy references, closed forms,
 * the reflection I_x(a, b) = 1 − I_{1−x}(b, a), and quantile(CDF) round trips.
 */
import { describe, expect } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { betaQuantile, regularizedIncompleteBeta } from "../../src/stats/index.ts";
import { activeProfile } from "../../src/profile.ts";
import { IDENTITY_ABSOLUTE, LARGE_SHAPE_RELATIVE, REFERENCE_RELATIVE, expectClose } from "./helpers/tolerances.ts";

const numRuns = activeProfile().exactRuns;

/** scipy 1.17.1 `scipy.special.betainc(a, b, x)`. */
const SCIPY_BETAINC: Array<[x: number, a: number, b: number, value: number]> = [
  [0.3, 2.5, 4, 0.3521975859067672],
  [0.9, 0.5, 0.5, 0.7951672353008665],
  [0.01, 1, 50, 0.39499393286246337],
  [0.999, 200, 3, 0.9988334368468834],
  [0.5, 1000, 1000, 0.4999999999999992],
  [1e-5, 0.3, 2, 0.041109514713859124],
];

/** Large shapes, same source: accuracy limited to LARGE_SHAPE_RELATIVE. */
const SCIPY_BETAINC_LARGE: Array<[x: number, a: number, b: number, value: number]> = [
  [0.51, 1e4, 1e4, 0.9976629406698899],
  [0.99, 5e4, 400, 6.300539097097598e-7],
  [0.0001, 3, 30000, 0.5768659299160632],
  [0.9999973, 4e5, 0.5, 0.14164454593651754],
];

/** scipy 1.17.1 `scipy.stats.beta.ppf(p, a, b)`. */
const SCIPY_PPF: Array<[p: number, a: number, b: number, x: number]> = [
  [0.025, 3, 8, 0.06673951117773447],
  [0.975, 4, 7, 0.6524528500599973],
  [0.05, 1, 20, 0.0025613787765302806],
  [1e-6, 2, 2, 0.0005774614337920399],
  [0.5, 0.5, 0.5, 0.4999999999999999],
  [0.9, 50, 5, 0.954273524505974],
];

const shape = fc.double({ min: 0.5, max: 200, noNaN: true });
const unit = fc.double({ min: 0, max: 1, noNaN: true });

describe("regularizedIncompleteBeta", () => {
  test.each(SCIPY_BETAINC)("I_%s(%s, %s) = %s (scipy)", (x, a, b, value) => {
    expectClose(regularizedIncompleteBeta(x, a, b), value, { relative: REFERENCE_RELATIVE }, `I_${x}(${a}, ${b})`);
  });

  test.each(SCIPY_BETAINC_LARGE)("large shapes: I_%s(%s, %s) = %s (scipy)", (x, a, b, value) => {
    expectClose(regularizedIncompleteBeta(x, a, b), value, { relative: LARGE_SHAPE_RELATIVE }, `I_${x}(${a}, ${b})`);
  });

  test.prop([unit, fc.double({ min: 0.05, max: 50, noNaN: true })], { numRuns })(
    "closed forms: I_x(1, b) = 1 − (1 − x)^b and I_x(a, 1) = x^a",
    (x, s) => {
      expectClose(regularizedIncompleteBeta(x, 1, s), -Math.expm1(s * Math.log1p(-x)), { relative: 1e-12, absolute: 1e-15 }, "I_x(1, b)");
      expectClose(regularizedIncompleteBeta(x, s, 1), x ** s, { relative: 1e-12, absolute: 1e-15 }, "I_x(a, 1)");
    },
  );

  test.prop([unit, shape, shape], { numRuns })("reflection: I_x(a, b) = 1 − I_{1−x}(b, a); bounded in [0, 1]", (x, a, b) => {
    const value = regularizedIncompleteBeta(x, a, b);
    expect(value >= 0 && value <= 1).toBe(true);
    // 1 − x is rounded; the identity is exact for y = 1 − x and x' = 1 − y.
    const y = 1 - x;
    expectClose(regularizedIncompleteBeta(1 - y, a, b), 1 - regularizedIncompleteBeta(y, b, a), { absolute: IDENTITY_ABSOLUTE, relative: 0 }, "reflection");
  });
});

describe("betaQuantile", () => {
  test.each(SCIPY_PPF)("quantile(%s; %s, %s) = %s (scipy)", (p, a, b, x) => {
    expectClose(betaQuantile(p, a, b), x, { relative: REFERENCE_RELATIVE }, `quantile(${p}; ${a}, ${b})`);
  });

  test.prop([fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), shape, shape], { numRuns })(
    "I_{quantile(p)}(a, b) = p, relative to the tail min(p, 1 − p)",
    (p, a, b) => {
      const x = betaQuantile(p, a, b);
      const back = regularizedIncompleteBeta(x, a, b);
      // Bisection stops at a bracket 2e-16·x wide: the CDF can move by density · 2e-16·x there.
      expectClose(back, p, { relative: 1e-9, absolute: 1e-13 }, `quantile ${x}`);
    },
  );

  test("endpoints: quantile(0) = 0, quantile(1) = 1; closed form x^a quantile p^{1/a}", () => {
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expectClose(betaQuantile(0.05, 5, 1), 0.05 ** (1 / 5), { relative: 1e-14 }, "p^{1/a}");
  });
});
