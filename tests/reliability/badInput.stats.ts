/**
 * Bad *parameters* of the decision rules and distributions (issue #8, item 4): α outside (0, ½],
 * non-finite thresholds, mismatched lengths, k > n, probabilities outside their range, negative
 * effects, non-positive degrees of freedom, values that are not arrays of numbers. The stats
 * messages read `<fn>: <arg> = <value> <what is wrong>` (the expectation is the stated range, e.g.
 * "is outside (0, 0.5]"). Non-finite *measurements* are not errors but inconclusive decisions:
 * `tests/reliability/divergence.test.ts`.
 */
import { describe, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import * as stats from "../../src/stats/index.ts";
import { badInteger, expectRejects, negative, nonFinite, nonInteger } from "../helpers/badInput.ts";

const RUNS = { numRuns: 50 };

/** How the stats modules print a number (`-0` kept). */
function show(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

const A = [0.1, 0.2, 0.15, 0.12, 0.3];
const B = [0.5, 0.6, 0.45, 0.55, 0.7];
const FLAGS = [true, true, false, true, true];

/** Every rule with an `alpha` option, called with that α. */
const RULES: ReadonlyArray<readonly [string, (alpha: number) => unknown]> = [
  ["meanBelow", (alpha) => stats.meanBelow(A, 1, { alpha })],
  ["meanAbove", (alpha) => stats.meanAbove(A, 0, { alpha })],
  ["pairedLess", (alpha) => stats.pairedLess(A, B, { alpha })],
  ["signTestLess", (alpha) => stats.signTestLess(A, B, { alpha })],
  ["fractionAtLeast", (alpha) => stats.fractionAtLeast(FLAGS, 0.5, { alpha })],
  ["kOfN", (alpha) => stats.kOfN(FLAGS, 4, { alpha })],
  ["slopeBelow", (alpha) => stats.slopeBelow([0, 1, 2, 3, 4], A, 0, { alpha })],
  ["trendDecreasing", (alpha) => stats.trendDecreasing([0, 1, 2, 3, 4], A, { alpha })],
];

const badAlpha = fc.oneof(fc.constant(0), negative, fc.double({ min: 0.5000001, max: 10, noNaN: true }), nonFinite);

describe("decision rules", () => {
  test.prop([fc.constantFrom(...RULES), badAlpha], RUNS)("reject α outside (0, 0.5]", ([name, rule], alpha) => {
    expectRejects(() => rule(alpha), { fn: name, arg: "alpha", value: show(alpha), expected: "is outside (0, 0.5]" });
  });

  test.prop([fc.constantFrom(["meanBelow", stats.meanBelow] as const, ["meanAbove", stats.meanAbove] as const), nonFinite], RUNS)(
    "meanBelow and meanAbove reject a non-finite threshold",
    ([name, rule], threshold) => {
      expectRejects(() => rule(A, threshold), { fn: name, arg: "threshold", value: show(threshold), expected: "is not finite (expected a finite number)" });
    },
  );

  test.prop([fc.integer({ min: 0, max: 9 }).filter((n) => n !== 5)], RUNS)("paired rules reject samples of different lengths", (n) => {
    const b = Array.from({ length: n }, () => 1);
    for (const [name, rule] of [["pairedLess", stats.pairedLess], ["signTestLess", stats.signTestLess]] as const) {
      expectRejects(() => rule(A, b), { fn: name, arg: "a and b", value: `lengths 5 and ${n}`, expected: "(expected equal lengths: one value per seed)" });
    }
    for (const [name, rule] of [["slopeBelow", (x: number[], y: number[]) => stats.slopeBelow(x, y, 0)], ["trendDecreasing", stats.trendDecreasing], ["spearman", stats.spearman]] as const) {
      expectRejects(() => rule(A, b), { fn: name, arg: "xs and ys", value: `lengths 5 and ${n}`, expected: "(expected equal lengths" });
    }
  });

  test.prop([fc.oneof(negative, nonFinite)], RUNS)("pairedLess rejects a negative or non-finite minimum effect", (minEffect) => {
    expectRejects(() => stats.pairedLess(A, B, { minEffect }), { fn: "pairedLess", arg: "minEffect", value: show(minEffect), expected: /is negative \(expected ≥ 0\)|is not finite/ });
  });

  test.prop([fc.oneof(fc.integer({ min: 6, max: 100 }), badInteger(1))], RUNS)("kOfN rejects k outside [1, n] or not an integer", (k) => {
    expectRejects(() => stats.kOfN(FLAGS, k), { fn: "kOfN", arg: "k", value: show(k), expected: /is outside \[1, successes\.length = 5\]|is not an integer|is not a number/ });
  });

  test.prop([fc.oneof(fc.constant(0), fc.constant(1), negative, fc.double({ min: 1.0001, max: 10, noNaN: true }), fc.constant(Number.NaN))], RUNS)(
    "fractionAtLeast rejects p₀ outside (0, 1)",
    (p0) => {
      expectRejects(() => stats.fractionAtLeast(FLAGS, p0), { fn: "fractionAtLeast", arg: "p0", value: show(p0), expected: "is outside (0, 1)" });
    },
  );

  test.prop([fc.integer({ min: 0, max: 4 }), fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.boolean())], RUNS)("rejects values that are not numbers", (at, value) => {
    const values: unknown[] = [...A];
    values[at] = value;
    expectRejects(() => stats.meanBelow(values as number[], 0), { fn: "meanBelow", arg: `values[${at}]`, expected: "is not a number" });
    expectRejects(() => stats.olsSlope([0, 1, 2, 3, 4], values as number[]), { fn: "olsSlope", arg: `ys[${at}]`, expected: "is not a number" });
  });

  it("rejects arguments that are not arrays, and bad options", () => {
    expectRejects(() => stats.olsSlope(3 as never, [1, 2]), { fn: "olsSlope", arg: "xs", value: "3", expected: "is not an array of numbers" });
    expectRejects(() => stats.kOfN([1, 0] as never, 1), { fn: "kOfN", arg: "successes[0]", value: "1", expected: "is not a boolean" });
    expectRejects(() => stats.meanBelow(A, 0, "fast" as never), { fn: "meanBelow", arg: "options", value: '"fast"', expected: "is not an options object" });
    expectRejects(() => stats.pairedLess(A, B, { names: ["x"] as never }), { fn: "pairedLess", arg: "names", value: "an array of length 1", expected: "is not a pair of names" });
    expectRejects(() => stats.slopeBelow([1, 1, 1], [1, 2, 3], 0), { fn: "slopeBelow", arg: "xs", value: "an array of length 3", expected: "has no spread" });
  });
});

describe("distributions", () => {
  const badProbabilityOpen = fc.oneof(fc.constant(0), fc.constant(1), negative, fc.double({ min: 1.0001, max: 10, noNaN: true }), fc.constant(Number.NaN));
  test.prop([badProbabilityOpen], RUNS)("quantiles reject p outside (0, 1)", (p) => {
    expectRejects(() => stats.normalQuantile(p), { fn: "normalQuantile", arg: "p", value: show(p), expected: "is outside (0, 1)" });
    expectRejects(() => stats.studentTQuantile(p, 3), { fn: "studentTQuantile", arg: "p", value: show(p), expected: "is outside (0, 1)" });
    expectRejects(() => stats.clopperPearson(1, 3, p), { fn: "clopperPearson", arg: "confidence", value: show(p), expected: "is outside (0, 1)" });
  });

  test.prop([fc.oneof(fc.constant(0), negative, nonFinite)], RUNS)("reject degrees of freedom and shapes that are not finite and > 0", (df) => {
    expectRejects(() => stats.studentTCdf(1, df), { fn: "studentTCdf", arg: "df", value: show(df), expected: "(expected > 0)" });
    expectRejects(() => stats.studentTQuantile(0.9, df), { fn: "studentTQuantile", arg: "df", value: show(df), expected: "(expected > 0)" });
    expectRejects(() => stats.betaQuantile(0.5, df, 1), { fn: "betaQuantile", arg: "a", value: show(df), expected: "(expected > 0)" });
    expectRejects(() => stats.regularizedIncompleteBeta(0.5, 1, df), { fn: "regularizedIncompleteBeta", arg: "b", value: show(df), expected: "(expected > 0)" });
  });

  test.prop([fc.oneof(fc.integer({ min: -100, max: -1 }), nonInteger, nonFinite)], RUNS)("binomialCdf and clopperPearson reject n that is not an integer ≥ 0 (≥ 1)", (n) => {
    expectRejects(() => stats.binomialCdf(1, n, 0.5), { fn: "binomialCdf", arg: "n", value: show(n), expected: /is outside \[0, 2\^53 − 1\]|is not an integer/ });
    expectRejects(() => stats.clopperPearson(0, n), { fn: "clopperPearson", arg: "n", value: show(n), expected: /is outside \[1, 2\^53 − 1\]|is not an integer/ });
  });

  test.prop([fc.integer({ min: 4, max: 100 })], RUNS)("clopperPearson rejects k > n", (k) => {
    expectRejects(() => stats.clopperPearson(k, 3), { fn: "clopperPearson", arg: "k", value: show(k), expected: "is outside [0, n = 3]" });
  });

  test.prop([fc.oneof(negative, fc.double({ min: 1.0001, max: 10, noNaN: true }), fc.constant(Number.NaN))], RUNS)("reject probabilities outside [0, 1]", (p) => {
    expectRejects(() => stats.binomialCdf(1, 3, p), { fn: "binomialCdf", arg: "p", value: show(p), expected: "is outside [0, 1]" });
    expectRejects(() => stats.betaQuantile(p, 1, 1), { fn: "betaQuantile", arg: "p", value: show(p), expected: "is outside [0, 1]" });
    expectRejects(() => stats.regularizedIncompleteBeta(p, 1, 1), { fn: "regularizedIncompleteBeta", arg: "x", value: show(p), expected: "is outside [0, 1]" });
  });
});
