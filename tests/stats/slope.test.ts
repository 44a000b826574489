/**
 * OLS slope rules `slopeBelow` / `trendDecreasing` and the rank correlation `spearman`: exact
 * lines, invariances, inconclusive inputs, and calibration at a true slope equal to the threshold.
 */
import { describe, expect } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { slopeBelow, spearman, trendDecreasing } from "../../src/stats/index.ts";
import { activeProfile } from "../../src/profile.ts";
import { binomialBand, expectWellFormed } from "./helpers/decisions.ts";
import { seededRng } from "./helpers/random.ts";

const numRuns = activeProfile().exactRuns;
const CALIBRATION_TRIALS = 2000;
const CALIBRATION_SEED = 20230024;

const points = fc
  .integer({ min: 3, max: 15 })
  .chain((n) =>
    fc.tuple(
      fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: -1000, max: 1000 }).map((i) => i / 10), { minLength: n, maxLength: n }),
    ),
  );

describe("slopeBelow", () => {
  test("a falling loss curve: slope −1.03 holds against −0.5, not against −1.5", () => {
    const xs = [0, 1, 2, 3, 4];
    const ys = [5.1, 3.9, 3.1, 2.0, 0.9];
    const d = slopeBelow(xs, ys, -0.5, { label: "loss", xLabel: "epoch" });
    expectWellFormed(d);
    expect(d.holds).toBe(true);
    expect(d.estimate).toBeCloseTo(-1.03, 12);
    expect(d.rule).toBe("one-sided t-test on the OLS slope of loss against epoch: upper 95% bound < -0.5");
    expect(slopeBelow(xs, ys, -1.5).holds).toBe(false);
  });

  test("an exact line has a zero-width bound at its slope", () => {
    const d = slopeBelow([1, 2, 3, 4], [10, 8, 6, 4], -1);
    expect(d.estimate).toBeCloseTo(-2, 14);
    expect(d.interval[1]).toBeCloseTo(-2, 12);
    expect(d.holds).toBe(true);
  });

  test.prop([points, fc.constantFrom(0.01, 0.05, 0.2)], { numRuns })(
    "well-formed; holds ⇔ bound < threshold; permuting the points changes nothing",
    ([xs, ys], alpha) => {
      const d = slopeBelow(xs, ys, 0.5, { alpha });
      expectWellFormed(d);
      expect(d.holds).toBe(d.interval[1] < 0.5);
      const order = xs.map((_, i) => i).reverse();
      const permuted = slopeBelow(order.map((i) => xs[i]!), order.map((i) => ys[i]!), 0.5, { alpha });
      expect(permuted.estimate).toBeCloseTo(d.estimate, 9);
      expect(permuted.holds).toBe(d.holds);
    },
  );

  test("non-finite values and n < 3 are inconclusive; constant xs are an argument error", () => {
    expect(slopeBelow([0, 1, 2], [1, NaN, 0], 0).inconclusive).toContain("ys[1] = NaN");
    expect(slopeBelow([0, Infinity, 2], [1, 0, 0], 0).inconclusive).toContain("xs[1] = Infinity");
    expect(slopeBelow([0, 1], [1, 0], 0).inconclusive).toContain("at least 3 points");
    expect(() => slopeBelow([2, 2, 2], [1, 2, 3], 0)).toThrow("slopeBelow: xs = an array of length 3 has no spread");
  });

  test.each([
    [5, 0.05],
    [12, 0.05],
    [6, 0.1],
  ])("calibration: n = %s points, α = %s, true slope = threshold → holds in ≈ α of 2000 trials", (n, alpha) => {
    const rng = seededRng(CALIBRATION_SEED + n);
    const xs = Array.from({ length: n }, (_, i) => i * 0.7);
    const threshold = -0.3;
    let held = 0;
    for (let trial = 0; trial < CALIBRATION_TRIALS; trial++) {
      const ys = xs.map((x) => 2 + threshold * x + 0.5 * rng.gaussian());
      if (slopeBelow(xs, ys, threshold, { alpha }).holds) held++;
    }
    const [lo, hi] = binomialBand(CALIBRATION_TRIALS, alpha);
    expect(held, `P(holds) ≈ ${held}/${CALIBRATION_TRIALS}, expected α = ${alpha} (band [${lo}, ${hi}])`).toBeGreaterThanOrEqual(lo);
    expect(held).toBeLessThanOrEqual(hi);
  });
});

describe("trendDecreasing", () => {
  test.prop([points], { numRuns })("decides as slopeBelow(xs, ys, 0), with a trend rule", ([xs, ys]) => {
    const d = trendDecreasing(xs, ys, { label: "rank", xLabel: "log10 λ" });
    expectWellFormed(d);
    expect(d.holds).toBe(slopeBelow(xs, ys, 0).holds);
    expect(d.rule).toBe("rank decreases with log10 λ: upper 95% bound of the OLS slope < 0 (one-sided t-test)");
  });
});

describe("spearman", () => {
  test("known values: monotone → ±1, [1,3,2] → 0.5, ties get average ranks", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(spearman([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 14);
    // ranks of [1, 2, 2, 3] are [1, 2.5, 2.5, 4]: Pearson with [1, 2, 3, 4] is 0.9486832980505138
    expect(spearman([1, 2, 3, 4], [1, 2, 2, 3])).toBeCloseTo(0.9486832980505138, 14);
  });

  test.prop([points], { numRuns })(
    "in [−1, 1]; symmetric; invariant under increasing transforms; negated by reversing one sample; 1 − 6Σd²/(n(n²−1)) without ties",
    ([xs, ys]) => {
      if (ys.every((y) => y === ys[0])) return;
      const rho = spearman(xs, ys);
      expect(Math.abs(rho)).toBeLessThanOrEqual(1);
      expect(spearman(ys, xs)).toBeCloseTo(rho, 12);
      expect(spearman(xs.map((x) => Math.exp(x / 10)), ys.map((y) => y ** 3))).toBeCloseTo(rho, 12);
      expect(spearman(xs, ys.map((y) => -y))).toBeCloseTo(-rho, 12);
      if (new Set(ys).size === ys.length) {
        const rank = (v: number[]) => v.map((x) => v.filter((y) => y < x).length + 1);
        const rx = rank(xs);
        const ry = rank(ys);
        const n = xs.length;
        const d2 = rx.reduce((s, r, i) => s + (r - ry[i]!) ** 2, 0);
        expect(rho).toBeCloseTo(1 - (6 * d2) / (n * (n * n - 1)), 12);
      }
    },
  );

  test("undefined cases are errors naming the argument", () => {
    expect(() => spearman([1, 2, 3], [5, 5, 5])).toThrow("spearman: ys = an array of length 3 is constant");
    expect(() => spearman([1, NaN], [1, 2])).toThrow("spearman: xs[1] = NaN is not finite");
    expect(() => spearman([1], [1])).toThrow("spearman: xs = an array of length 1 has fewer than 2 values");
  });
});
