/**
 * One-sided t-test rules `meanBelow` / `meanAbove`: clear cases, the duality "holds ⇔ p < α",
 * mirror and affine invariance, inconclusive inputs, and calibration — when the true mean equals
 * the threshold the rule holds in ≈ α of seeded Monte-Carlo trials (the stated α is the measured
 * false-positive rate), while a rule with a normal instead of a t quantile (the control) does not.
 */
import { describe, expect } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { meanAbove, meanBelow, normalQuantile } from "../../src/stats/index.ts";
import { activeProfile } from "../../src/profile.ts";
import { binomialBand, expectWellFormed } from "./helpers/decisions.ts";
import { seededRng } from "./helpers/random.ts";

const numRuns = activeProfile().exactRuns;
/** 2 000 trials: at α = 0.05 the 99.9% band is ≈ 100 ± 32, narrow enough to reject the control. */
const CALIBRATION_TRIALS = 2000;
/** Fixed seed of the Monte-Carlo streams (any value works; fixed so counts are reproducible). */
const CALIBRATION_SEED = 20230024;

const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 12 });
/** Values on a 1/16 grid: no subnormal spreads, whose squares would underflow after scaling. */
const gridSample = fc.array(fc.integer({ min: -16_000, max: 16_000 }).map((i) => i / 16), { minLength: 2, maxLength: 12 });
const alpha = fc.constantFrom(0.01, 0.05, 0.1, 0.5);

describe("meanBelow", () => {
  test("clearly below holds, clearly above does not; summary carries estimate, bound, threshold and n", () => {
    const below = meanBelow([-2.4, -2.2, -2.3, -2.5, -2.35], Math.log10(0.05), { label: "log10 NC1" });
    expectWellFormed(below);
    expect(below.holds).toBe(true);
    expect(below.rule).toBe("one-sided t-test on log10 NC1: upper 95% bound of the mean < -1.30103");
    expect(below.summary).toMatch(/^mean log10 NC1 = -2\.35 \(sd 0\.112\), upper 95% bound -2\.24 < -1\.30 \(n = 5 seeds, p = .*\): held$/);
    const above = meanBelow([-0.4, -0.2, -0.3, -0.5], Math.log10(0.05));
    expectWellFormed(above);
    expect(above.holds).toBe(false);
    expect(above.summary).toContain("≥ -1.30");
  });

  test.prop([sample, fc.double({ min: -1e3, max: 1e3, noNaN: true }), alpha], { numRuns })(
    "well-formed; holds ⇔ upper bound < threshold ⇔ p < α (away from rounding ties)",
    (values, threshold, a) => {
      const d = meanBelow(values, threshold, { alpha: a });
      expectWellFormed(d);
      expect(d.holds).toBe(d.interval[1] < threshold);
      expect(d.interval[0]).toBe(-Infinity);
      const p = d.pValue!;
      if (Math.abs(p - a) > 1e-9 * a) expect(d.holds, `p = ${p}, α = ${a}`).toBe(p < a);
    },
  );

  test.prop([gridSample, fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true })], {
    numRuns,
  })("affine invariance: shifting and positively scaling values and threshold together keeps p", (values, threshold, shift, scale) => {
    const d = meanBelow(values, threshold);
    const moved = meanBelow(values.map((v) => scale * v + shift), scale * threshold + shift);
    if (d.pValue! > 1e-6 && d.pValue! < 1 - 1e-6) expect(Math.abs(moved.pValue! - d.pValue!)).toBeLessThan(1e-6);
  });

  test("zero spread: the bound collapses to the mean", () => {
    const d = meanBelow([0.01, 0.01, 0.01], 0.05);
    expect(d.holds).toBe(true);
    expect(d.interval[1]).toBe(0.01);
    expect(d.pValue).toBe(0);
    expect(meanBelow([0.05, 0.05], 0.05).holds).toBe(false);
  });

  test("non-finite values and n < 2 are inconclusive, never a pass", () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      // -Infinity "is below" any threshold, but a diverged run must not pass.
      const d = meanBelow([-3, -3.1, bad, -2.9], 0);
      expectWellFormed(d);
      expect(d.holds).toBe(false);
      expect(d.inconclusive).toMatch(/1 of 4 values is non-finite \(values\[2\] = (NaN|-?Infinity)\)/);
      expect(d.values[2]).toBe(bad);
    }
    const single = meanBelow([-5], 0);
    expectWellFormed(single);
    expect(single.holds).toBe(false);
    expect(single.inconclusive).toContain("at least 2 seeds");
    expect(meanBelow([], 0).inconclusive).toBeDefined();
  });

  test("does not alias the caller's array", () => {
    const values = [1, 2, 3];
    const d = meanBelow(values, 10);
    values[0] = 99;
    expect(d.values).toEqual([1, 2, 3]);
  });
});

describe("meanAbove", () => {
  test("clearly above holds, clearly below does not", () => {
    expect(meanAbove([0.97, 0.99, 0.98], 0.9).holds).toBe(true);
    expect(meanAbove([0.7, 0.8, 0.75], 0.9).holds).toBe(false);
    expect(meanAbove([0.97, NaN], 0.9).inconclusive).toBeDefined();
  });

  test.prop([sample, fc.double({ min: -1e3, max: 1e3, noNaN: true }), alpha], { numRuns })(
    "mirror: meanAbove(v, c) decides as meanBelow(−v, −c), with the mirrored bound and p",
    (values, threshold, a) => {
      const up = meanAbove(values, threshold, { alpha: a });
      const down = meanBelow(values.map((v) => -v), -threshold, { alpha: a });
      expectWellFormed(up);
      expect(up.holds).toBe(down.holds);
      expect(up.interval[0]).toBeCloseTo(-down.interval[1], 9);
      expect(up.pValue!).toBeCloseTo(down.pValue!, 12);
    },
  );
});

/** Number of trials in which the rule held when values ~ N(threshold, 1) (the null boundary). */
function nullHolds(n: number, a: number, seed: number, rule: (values: number[], threshold: number) => boolean): number {
  const rng = seededRng(seed);
  const threshold = 3.7;
  let count = 0;
  for (let trial = 0; trial < CALIBRATION_TRIALS; trial++) if (rule(rng.normals(n, threshold, 2.5), threshold)) count++;
  return count;
}

describe("calibration: stated α = measured false-positive rate at the null boundary", () => {
  test.each([
    [2, 0.05],
    [5, 0.05],
    [10, 0.05],
    [5, 0.1],
  ])("n = %s, α = %s: meanBelow and meanAbove hold in ≈ α of 2000 trials with true mean = threshold", (n, a) => {
    const [lo, hi] = binomialBand(CALIBRATION_TRIALS, a);
    const below = nullHolds(n, a, CALIBRATION_SEED + n, (v, c) => meanBelow(v, c, { alpha: a }).holds);
    const above = nullHolds(n, a, CALIBRATION_SEED + 100 + n, (v, c) => meanAbove(v, c, { alpha: a }).holds);
    expect(below, `meanBelow: P(holds) ≈ ${below}/${CALIBRATION_TRIALS}, expected α = ${a} (band [${lo}, ${hi}])`).toBeGreaterThanOrEqual(lo);
    expect(below).toBeLessThanOrEqual(hi);
    expect(above, `meanAbove: P(holds) ≈ ${above}/${CALIBRATION_TRIALS}, expected α = ${a} (band [${lo}, ${hi}])`).toBeGreaterThanOrEqual(lo);
    expect(above).toBeLessThanOrEqual(hi);
  });

  test("control: a bound with the normal quantile instead of t is anti-conservative at n = 3 and fails the band", () => {
    const a = 0.05;
    const [, hi] = binomialBand(CALIBRATION_TRIALS, a);
    const z = normalQuantile(1 - a);
    const wrong = nullHolds(3, a, CALIBRATION_SEED, (v, c) => {
      const mean = v.reduce((s, x) => s + x, 0) / v.length;
      const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
      return mean + (z * sd) / Math.sqrt(v.length) < c;
    });
    expect(wrong, `normal-quantile rule: ${wrong}/${CALIBRATION_TRIALS} false positives`).toBeGreaterThan(hi);
  });

  test("power: a true mean 2 sd below the threshold is detected in most trials at n = 5", () => {
    const rng = seededRng(CALIBRATION_SEED);
    let held = 0;
    for (let trial = 0; trial < 500; trial++) if (meanBelow(rng.normals(5, -2, 1), 0).holds) held++;
    expect(held / 500).toBeGreaterThan(0.9);
  });
});
