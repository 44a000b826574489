/**
 * Paired one-sided t-test `pairedLess`: it is `meanBelow` on the differences, pairing cancels a
 * large shared seed effect, `minEffect` moves the threshold, inconclusive inputs, and calibration
 * at the null boundary E[a − b] = −minEffect.
 */
import { describe, expect } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { meanBelow, pairedLess } from "../../src/stats/index.ts";
import { activeProfile } from "../../src/profile.ts";
import { binomialBand, expectWellFormed } from "./helpers/decisions.ts";
import { seededRng } from "./helpers/random.ts";

const numRuns = activeProfile().exactRuns;
const CALIBRATION_TRIALS = 2000;
const CALIBRATION_SEED = 20230024;
/** Seed-to-seed spread shared by both conditions, 10× the noise: an unpaired test would drown in it. */
const SHARED_SEED_SD = 10;

const pairs = fc
  .integer({ min: 2, max: 12 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
    ),
  );

describe("pairedLess", () => {
  test("weight decay vs λ = 0 on the same seeds: clearly smaller holds, names and means in the summary", () => {
    const d = pairedLess([0.1, 0.21, 0.15, 0.12], [0.5, 0.62, 0.48, 0.55], { label: "NC1", names: ["λ = 5e-4", "λ = 0"] });
    expectWellFormed(d);
    expect(d.holds).toBe(true);
    expect(d.rule).toBe("paired one-sided t-test on NC1 (λ = 5e-4 − λ = 0): upper 95% bound of the mean difference < 0");
    expect(d.summary).toContain("mean λ = 5e-4 = 0.145, mean λ = 0 = 0.538");
    expect(pairedLess([0.5, 0.62, 0.48, 0.55], [0.1, 0.21, 0.15, 0.12]).holds).toBe(false);
  });

  test.prop([pairs, fc.constantFrom(0.01, 0.05, 0.2), fc.constantFrom(0, 0.5, 3)], { numRuns })(
    "equals meanBelow(a − b, −minEffect): same holds, bound, p; values are the differences",
    ([a, b], alpha, minEffect) => {
      const paired = pairedLess(a, b, { alpha, minEffect });
      const differences = a.map((x, i) => x - b[i]!);
      const direct = meanBelow(differences, -minEffect, { alpha });
      expectWellFormed(paired);
      expect(paired.values).toEqual(differences);
      expect(paired.holds).toBe(direct.holds);
      expect(paired.interval).toEqual(direct.interval);
      expect(paired.pValue).toBe(direct.pValue);
    },
  );

  test("pairing cancels a shared seed effect that hides the gap from an unpaired view", () => {
    const rng = seededRng(CALIBRATION_SEED);
    const shared = rng.normals(5, 0, SHARED_SEED_SD);
    const a = shared.map((s) => s - 1 + 0.1 * rng.gaussian());
    const b = shared.map((s) => s + 0.1 * rng.gaussian());
    expect(pairedLess(a, b).holds).toBe(true);
    // Unpaired: the mean of a is not credibly below the mean of b.
    const meanB = b.reduce((s, x) => s + x, 0) / b.length;
    expect(meanBelow(a, meanB).holds).toBe(false);
  });

  test("minEffect: a gap of 0.4 passes minEffect 0.1 but not 0.5", () => {
    const a = [0.1, 0.21, 0.15, 0.12];
    const b = [0.5, 0.62, 0.48, 0.55];
    expect(pairedLess(a, b, { minEffect: 0.1 }).holds).toBe(true);
    const strict = pairedLess(a, b, { minEffect: 0.5 });
    expect(strict.holds).toBe(false);
    expect(strict.rule).toContain("< -0.5");
  });

  test("a non-finite value in either condition is inconclusive, naming the array and index", () => {
    const d = pairedLess([0.1, NaN, 0.15], [0.5, 0.6, Infinity]);
    expectWellFormed(d);
    expect(d.holds).toBe(false);
    expect(d.inconclusive).toContain("a[1] = NaN, b[2] = Infinity");
    expect(pairedLess([0.1], [0.5]).inconclusive).toContain("at least 2 pairs");
  });

  test.each([
    [5, 0.05, 0],
    [8, 0.05, 0.3],
    [4, 0.1, 0],
  ])(
    "calibration: n = %s, α = %s, true E[a − b] = −minEffect (minEffect = %s) → holds in ≈ α of 2000 trials",
    (n, alpha, minEffect) => {
      const rng = seededRng(CALIBRATION_SEED + n);
      let held = 0;
      for (let trial = 0; trial < CALIBRATION_TRIALS; trial++) {
        const shared = rng.normals(n, 0, SHARED_SEED_SD);
        const a = shared.map((s) => s - minEffect + rng.gaussian());
        const b = shared.map((s) => s + rng.gaussian());
        if (pairedLess(a, b, { alpha, minEffect }).holds) held++;
      }
      const [lo, hi] = binomialBand(CALIBRATION_TRIALS, alpha);
      expect(held, `P(holds) ≈ ${held}/${CALIBRATION_TRIALS}, expected α = ${alpha} (band [${lo}, ${hi}])`).toBeGreaterThanOrEqual(lo);
      expect(held).toBeLessThanOrEqual(hi);
    },
  );
});
