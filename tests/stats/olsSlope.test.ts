import { describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { olsSlope } from "../../src/stats/index.ts";

describe("olsSlope", () => {
  test.prop([fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true })])(
    "recovers the slope of an exact line",
    (a, b) => {
      const xs = [0, 1, 2.5, 4];
      expect(olsSlope(xs, xs.map((x) => a * x + b))).toBeCloseTo(a, 9);
    },
  );

  it("is NaN with a non-finite y, and rejects degenerate xs naming the problem", () => {
    expect(olsSlope([0, 1, 2], [0, Number.NaN, 2])).toBeNaN();
    expect(() => olsSlope([1, 1], [0, 1])).toThrow(/all xs are equal/);
    expect(() => olsSlope([1], [0])).toThrow(/expected equal lengths ≥ 2/);
  });
});
