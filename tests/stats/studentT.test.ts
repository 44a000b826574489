/**
 * Student t CDF and quantile: textbook table values, scipy references, closed forms (df = 1, 2),
 * the normal limit, and the relations CDF(quantile(p)) = p and CDF(−t) = 1 − CDF(t).
 */
import { describe, expect } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { normalQuantile, studentTCdf, studentTQuantile } from "../../src/stats/index.ts";
import { activeProfile } from "../../src/profile.ts";
import {
  IDENTITY_ABSOLUTE,
  LARGE_SHAPE_RELATIVE,
  REFERENCE_RELATIVE,
  ROUND_TRIP_RELATIVE,
  expectClose,
} from "./helpers/tolerances.ts";

const numRuns = activeProfile().exactRuns;
/** Table values are printed to 6 decimals. */
const TABLE_ABSOLUTE = 5e-7;

/** Critical values t_{p, df} as printed in standard t tables (6 decimals). */
const TABLE: Array<[p: number, df: number, t: number]> = [
  [0.95, 4, 2.131847],
  [0.975, 10, 2.228139],
  [0.95, 1, 6.313752],
];

/** scipy 1.17.1 `scipy.stats.t.ppf(p, df)` (float64). */
const SCIPY_PPF: Array<[p: number, df: number, t: number]> = [
  [0.95, 4, 2.1318467863266495],
  [0.975, 10, 2.228138851986274],
  [0.95, 1, 6.313751514675037],
  [0.99, 2, 6.9645567342832715],
  [0.9, 3, 1.637744353696209],
  [0.995, 7, 3.4994832973504924],
  [0.95, 29, 1.6991270265334972],
  [0.999, 5, 5.893429531356009],
  [0.975, 1.5, 6.016663104427929],
  [0.95, 0.5, 41.13600009287819],
  [1e-10, 3, -2225.769284683093],
  [0.8, 1000, 0.8419808221624288],
];

/** scipy 1.17.1 `scipy.stats.t.cdf(t, df)`. */
const SCIPY_CDF: Array<[t: number, df: number, p: number]> = [
  [-40, 3, 1.7190340394579253e-5],
  [3.5, 2.5, 0.9738272265198398],
  [1.0, 1, 0.75],
  [-2.0, 9, 0.038276411885350504],
  [10, 50, 0.9999999999999196],
  [-0.3, 0.7, 0.4146175931856675],
];

describe("studentTQuantile", () => {
  test.each(TABLE)("t_{%s, %s} = %s (t table)", (p, df, t) => {
    expectClose(studentTQuantile(p, df), t, { absolute: TABLE_ABSOLUTE, relative: 0 }, `t_{${p},${df}}`);
  });

  test.each(SCIPY_PPF)("quantile(%s, df = %s) = %s (scipy)", (p, df, t) => {
    expectClose(studentTQuantile(p, df), t, { relative: REFERENCE_RELATIVE }, `quantile(${p}, ${df})`);
  });

  test("large df tends to the normal quantile: t_{0.95, 1e6} = 1.644854 + (z³ + z)/(4 df)", () => {
    const z = normalQuantile(0.95);
    expectClose(studentTQuantile(0.95, 1e6), 1.6448551507220404, { relative: LARGE_SHAPE_RELATIVE }, "scipy, df = 1e6");
    expect(studentTQuantile(0.95, 1e6).toFixed(6)).toBe("1.644855");
    expectClose(studentTQuantile(0.95, 1e7), z + (z ** 3 + z) / 4e7, { relative: LARGE_SHAPE_RELATIVE }, "df = 1e7");
  });

  test.prop([fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true })], { numRuns })(
    "df = 1 (Cauchy): quantile(p) = tan(π(p − ½)) = −cot(πp)",
    (p) => {
      // −cot(πp) (and cot(π(1 − p)) above ½) avoids the cancellation of p − ½ near the pole.
      const expected = p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
      expectClose(studentTQuantile(p, 1), expected, { relative: 1e-9, absolute: 1e-12 }, `p = ${p}`);
    },
  );

  test.prop([fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true })], { numRuns })(
    "df = 2: quantile(p) = (2p − 1)/√(2p(1 − p))",
    (p) => {
      const expected = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expectClose(studentTQuantile(p, 2), expected, { relative: 1e-9, absolute: 1e-12 }, `p = ${p}`);
    },
  );

  test.prop(
    [fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), fc.oneof(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.2, max: 5e3, noNaN: true }))],
    { numRuns },
  )("CDF(quantile(p, df), df) = p", (p, df) => {
    const q = studentTQuantile(p, df);
    const tail = Math.min(p, 1 - p);
    const back = p < 0.5 ? studentTCdf(q, df) : 1 - studentTCdf(q, df);
    expectClose(back, tail, { relative: ROUND_TRIP_RELATIVE }, `p = ${p}, df = ${df}, quantile ${q}`);
  });

  test.prop([fc.double({ min: 1e-9, max: 0.5, noNaN: true }), fc.double({ min: 0.2, max: 1e3, noNaN: true })], { numRuns })(
    "antisymmetry: quantile(1 − p) = −quantile(p), and quantiles increase with p and fall with df",
    (p, df) => {
      const upper = 1 - p; // rounded; 1 − upper is then exact, so the two quantiles are of exact complements
      expectClose(studentTQuantile(upper, df), -studentTQuantile(1 - upper, df), { relative: 1e-12 }, "antisymmetry");
      if (p < 0.45) expect(studentTQuantile(p, df)).toBeLessThan(studentTQuantile(p + 0.05, df));
      if (p < 0.49) expect(Math.abs(studentTQuantile(p, df * 2))).toBeLessThan(Math.abs(studentTQuantile(p, df)));
    },
  );
});

describe("studentTCdf", () => {
  test.each(SCIPY_CDF)("CDF(%s, df = %s) = %s (scipy)", (t, df, p) => {
    expectClose(studentTCdf(t, df), p, { relative: REFERENCE_RELATIVE }, `CDF(${t}, ${df})`);
  });

  test("df = 1e5 and 2e6 agree with scipy (large-shape accuracy)", () => {
    expectClose(studentTCdf(1.96, 100000), 0.9750007184028492, { relative: LARGE_SHAPE_RELATIVE }, "CDF(1.96, 1e5)");
    expectClose(studentTCdf(-3, 2e6), 0.0013499146511160671, { relative: LARGE_SHAPE_RELATIVE }, "CDF(−3, 2e6)");
  });

  test("CDF(0) = ½, CDF(±∞) = 1, 0; astronomically large |t| gives exactly 1 or 0", () => {
    expect(studentTCdf(0, 3.7)).toBe(0.5);
    expect(studentTCdf(Infinity, 2)).toBe(1);
    expect(studentTCdf(-Infinity, 2)).toBe(0);
    expect(studentTCdf(1e200, 2)).toBe(1);
  });

  test.prop([fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0.2, max: 1e4, noNaN: true })], { numRuns })(
    "symmetry: CDF(−t) = 1 − CDF(t)",
    (t, df) => {
      expectClose(studentTCdf(-t, df), 1 - studentTCdf(t, df), { absolute: IDENTITY_ABSOLUTE, relative: 0 }, `t = ${t}`);
    },
  );

  test.prop([fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }), fc.integer({ min: 1, max: 300 })], {
    numRuns,
  })("monotone: CDF(t) ≤ CDF(t + h)", (t, h, df) => {
    expect(studentTCdf(t, df)).toBeLessThanOrEqual(studentTCdf(t + h, df));
  });
});
