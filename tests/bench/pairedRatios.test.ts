import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { summarize } from "../../src/bench/measure.ts";
import { pairedRatios } from "../../src/bench/pairedRatios.ts";

describe("pairedRatios: the median of per-repetition ratios and its sign-test interval", () => {
  it("takes each repetition's ratio, not the ratio of medians", () => {
    expect(pairedRatios([10, 20, 30], [5, 40, 10]).ratios).toEqual([2, 0.5, 3]);
    // medians 4 and 1 would say 4×; the repetitions' ratios 1, 4, 1 say 1×
    const r = pairedRatios([1, 4, 4], [1, 1, 4]);
    expect(r.ratios).toEqual([1, 4, 1]);
    expect(r.median).toBe(1);
    expect(pairedRatios([2, 4, 6, 8], [1, 1, 1, 1]).median).toBe(5);
  });

  it("coverage 1 − 2 P(Bin(n, ½) ≤ k − 1) at the largest k reaching 95 %: the range for n ≤ 5, k = 2 for n = 9", () => {
    const five = pairedRatios([1, 2, 3, 4, 5], [1, 1, 1, 1, 1]);
    expect([five.low, five.high]).toEqual([1, 5]);
    expect(five.coverage).toBeCloseTo(1 - 2 / 32, 12); // 93.75 %: below 95 %, the best n = 5 allows
    const nine = pairedRatios([9, 1, 8, 2, 7, 3, 6, 4, 5], Array(9).fill(1));
    expect([nine.low, nine.median, nine.high]).toEqual([2, 5, 8]);
    expect(nine.coverage).toBeCloseTo(1 - (2 * 10) / 512, 12); // 96.1 %; k = 3 would give 82 %
    expect(pairedRatios([3], [2])).toMatchObject({ median: 1.5, low: 1.5, high: 1.5, coverage: 1 });
  });

  test.prop([fc.array(fc.tuple(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true })), { minLength: 1, maxLength: 40 })])(
    "min ≤ low ≤ median ≤ high ≤ max; swapping ours and theirs inverts every figure",
    (pairs) => {
      const ours = pairs.map((p) => p[0]);
      const theirs = pairs.map((p) => p[1]);
      const r = pairedRatios(ours, theirs);
      expect(r.min).toBeLessThanOrEqual(r.low);
      expect(r.low).toBeLessThanOrEqual(r.median);
      expect(r.median).toBeLessThanOrEqual(r.high);
      expect(r.high).toBeLessThanOrEqual(r.max);
      const inverse = pairedRatios(theirs, ours);
      expect(inverse.low).toBeCloseTo(1 / r.high, 9);
      expect(inverse.high).toBeCloseTo(1 / r.low, 9);
      expect(inverse.coverage).toBe(r.coverage);
    },
  );

  it("refuses unpaired, empty or non-positive throughputs and a confidence outside (0, 1), naming them", () => {
    expect(() => pairedRatios([1, 2], [1])).toThrow(/2 and 1 throughputs/);
    expect(() => pairedRatios([], [])).toThrow(/expected the same number ≥ 1/);
    expect(() => pairedRatios([1, 0], [1, 1])).toThrow(/repetition 1 has throughputs 0 and 1/);
    expect(() => pairedRatios([1], [1], 1)).toThrow(/confidence = 1/);
  });
});

describe("summarize", () => {
  it("the median (mean of the middle two for an even count), min and max of samples in any order", () => {
    expect(summarize([3, 1, 2])).toEqual({ medianSeconds: 2, minSeconds: 1, maxSeconds: 3, repetitions: 3 });
    expect(summarize([4, 1, 3, 2]).medianSeconds).toBe(2.5);
    expect(() => summarize([])).toThrow(/no samples/);
  });
});
