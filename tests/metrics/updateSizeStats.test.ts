/** `updateSizeStats` (src/metrics/updateSizeStats.ts): the floor of per-step update sizes. */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { updateSizeStats } from "../../src/metrics/index.ts";
import { FLOAT64, expectClose } from "../tolerances.ts";
import { EXACT_RUNS } from "../linalg/random.ts";

const sizes = fc.array(fc.double({ min: 1e-9, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 });

describe("updateSizeStats", () => {
  it("the floor is the geometric mean (of the exact example: √(1e-3 · 1e-2)); median, min, max and the log spread are reported", () => {
    expect(updateSizeStats([1e-3, 1e-2]).floor).toBeCloseTo(Math.sqrt(1e-5), 15);
    const s = updateSizeStats([1e-4, 1e-2, 1e-3]);
    expect(s).toMatchObject({ count: 3, min: 1e-4, median: 1e-3, max: 1e-2 });
    expect(s.log10Mean).toBeCloseTo(-3, 12);
    expect(s.log10Sd).toBeCloseTo(1, 12);
    expect(updateSizeStats([2, 4, 8, 16]).median).toBe(6);
    expect(updateSizeStats([5e-3])).toMatchObject({ count: 1, log10Sd: 0 });
    expect(updateSizeStats([5e-3]).floor).toBeCloseTo(5e-3, 15);
  });

  test.prop([sizes, fc.double({ min: 1e-3, max: 1e3, noNaN: true })], { numRuns: EXACT_RUNS })(
    "scales with the sizes (floor(c·s) = c·floor(s)) and lies between min and max",
    (s, c) => {
      const a = updateSizeStats(s);
      const b = updateSizeStats(s.map((x) => c * x));
      expectClose(b.floor, c * a.floor, { rel: 1e-12, abs: 0 }, "floor scaling");
      expectClose(b.log10Sd, a.log10Sd, { rel: 1e-9, abs: 1e-12 }, "spread invariance");
      expect(a.floor).toBeGreaterThanOrEqual(a.min * (1 - FLOAT64.rel));
      expect(a.floor).toBeLessThanOrEqual(a.max * (1 + FLOAT64.rel));
    },
  );

  it("rejects an empty array and sizes ≤ 0 or non-finite, naming the entry", () => {
    expect(() => updateSizeStats([])).toThrow(/sizes is an array of length 0; expected a non-empty array/);
    expect(() => updateSizeStats([1e-3, 0])).toThrow(/sizes\[1\] is 0; expected a finite step size > 0/);
    expect(() => updateSizeStats([Number.NaN])).toThrow(/sizes\[0\] is NaN/);
  });
});
