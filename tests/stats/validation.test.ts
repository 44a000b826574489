/**
 * Argument errors name the function, the argument, the value received and what was expected
 * (STYLE.md: "messages that name the API and the offending value").
 */
import { describe, expect, test } from "vitest";
import * as stats from "../../src/stats/index.ts";

const CASES: Array<[call: () => unknown, message: string]> = [
  [() => stats.meanBelow([1, 2], 0, { alpha: 1.5 }), "meanBelow: alpha = 1.5 is outside (0, 0.5]"],
  [() => stats.meanBelow([1, 2], 0, { alpha: 0 }), "meanBelow: alpha = 0 is outside (0, 0.5]"],
  [() => stats.meanAbove([1, 2], NaN), "meanAbove: threshold = NaN is not finite"],
  [() => stats.meanBelow([1, "2"] as never, 0), 'meanBelow: values[1] = "2" is not a number'],
  [() => stats.meanBelow(3 as never, 0), "meanBelow: values = 3 is not an array of numbers"],
  [() => stats.meanBelow([1, 2], 0, { label: "" }), 'meanBelow: label = "" is not a non-empty string'],
  [() => stats.pairedLess([1, 2], [1]), "pairedLess: a and b have lengths 2 and 1 (expected equal lengths: one value per seed)"],
  [() => stats.pairedLess([1, 2], [1, 3], { minEffect: -1 }), "pairedLess: minEffect = -1 is negative (expected ≥ 0)"],
  [() => stats.signTestLess([1], [2], { alpha: 0.7 }), "signTestLess: alpha = 0.7 is outside (0, 0.5]"],
  [() => stats.fractionAtLeast([true, 1] as never, 0.5), "fractionAtLeast: successes[1] = 1 is not a boolean"],
  [() => stats.fractionAtLeast([true], 1), "fractionAtLeast: p0 = 1 is outside (0, 1)"],
  [() => stats.kOfN([true, false], 3), "kOfN: k = 3 is outside [1, successes.length = 2]"],
  [() => stats.kOfN([true, false], 1.5), "kOfN: k = 1.5 is not an integer"],
  [() => stats.slopeBelow([1, 2, 3], [1, 2], 0), "slopeBelow: xs and ys have lengths 3 and 2"],
  [() => stats.trendDecreasing([1, 2, 3], [1, 2, 3], { alpha: -1 }), "trendDecreasing: alpha = -1 is outside (0, 0.5]"],
  [() => stats.studentTCdf(1, 0), "studentTCdf: df = 0 is not a finite positive number (expected > 0)"],
  [() => stats.studentTCdf(NaN, 3), "studentTCdf: t = NaN is not a number"],
  [() => stats.studentTQuantile(1, 3), "studentTQuantile: p = 1 is outside (0, 1)"],
  [() => stats.studentTQuantile(0.5, Infinity), "studentTQuantile: df = Infinity is not a finite positive number"],
  [() => stats.normalQuantile(0), "normalQuantile: p = 0 is outside (0, 1)"],
  [() => stats.binomialCdf(1, 2.5, 0.5), "binomialCdf: n = 2.5 is not an integer"],
  [() => stats.binomialCdf(1, 3, 1.2), "binomialCdf: p = 1.2 is outside [0, 1]"],
  [() => stats.clopperPearson(4, 3), "clopperPearson: k = 4 is outside [0, n = 3]"],
  [() => stats.clopperPearson(1, 3, 1), "clopperPearson: confidence = 1 is outside (0, 1)"],
  [() => stats.clopperPearson(1, 3, 0.9, "both" as never), 'clopperPearson: sides = "both" is not one of'],
  [() => stats.betaQuantile(0.5, 0, 1), "betaQuantile: a = 0 is not a finite positive number"],
  [() => stats.regularizedIncompleteBeta(1.5, 1, 1), "regularizedIncompleteBeta: x = 1.5 is outside [0, 1]"],
  [() => stats.assertDecision(stats.meanBelow([1, 2], 5), 7 as never), "assertDecision: context = 7 is not a string"],
];

describe("argument validation", () => {
  test.each(CASES.map(([call, message]) => [message, call] as const))("%s", (message, call) => {
    expect(call).toThrow(message);
  });

  test("range problems are RangeErrors, type problems TypeErrors", () => {
    expect(() => stats.meanBelow([1, 2], 0, { alpha: 1.5 })).toThrow(RangeError);
    expect(() => stats.meanBelow([1, "2"] as never, 0)).toThrow(TypeError);
  });
});
