/**
 * NC4, agreement with the nearest-class-centre rule (`src/metrics/nc4.ts`): known constructions,
 * the tie rule, and invariances.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { classMeans, nc4 } from "../../src/metrics/index.ts";
import { EXACT_RUNS, gaussianMatrix, orthogonalMatrix, seedArb } from "../linalg/random.ts";
import {
  caseSpecArb,
  centreWithinClasses,
  featuresAt,
  makeCase,
  orthogonalFrame,
  permuteRows,
  randomLabels,
  randomPermutation,
  relabel,
} from "./cases.ts";

const runs = { numRuns: EXACT_RUNS };

const frameArb = fc.record({
  seed: seedArb,
  classes: fc.integer({ min: 2, max: 6 }),
  extraDims: fc.integer({ min: 0, max: 4 }),
  extra: fc.integer({ min: 0, max: 20 }),
  spread: fc.double({ min: 0, max: 3, noNaN: true }),
  gain: fc.double({ min: 1e-2, max: 1e2, noNaN: true }),
});

describe("nc4", () => {
  test.prop([frameArb], runs)(
    "is 0 for W = t·Mᵀ with equal-norm means (orthogonal frame), whatever the within-class spread",
    ({ seed, classes, extraDims, extra, spread, gain }) => {
      // argmax_c ⟨μ_c, h⟩ = argmin_c ‖h‖² − 2⟨μ_c, h⟩ + ‖μ_c‖² when all ‖μ_c‖ are equal.
      const labels = randomLabels(seed, classes, extra);
      const p = classes + extraDims;
      const frame = orthogonalFrame(seed, classes, p, 3);
      const noise = centreWithinClasses(gaussianMatrix(seed + 1, labels.length, p), labels, classes);
      const features = featuresAt(frame, labels, noise, spread);
      expect(nc4(frame.clone().mul(gain), features, labels, classes)).toBe(0);
    },
  );

  test.prop([frameArb], runs)(
    "is 1 for W = −Mᵀ on collapsed features (the classifier picks any class but the own)",
    ({ seed, classes, extraDims, extra }) => {
      const labels = randomLabels(seed, classes, extra);
      const frame = orthogonalFrame(seed, classes, classes + extraDims, 3);
      expect(nc4(frame.clone().mul(-1), featuresAt(frame, labels, null), labels, classes)).toBe(1);
    },
  );

  const labelsArb = fc.record({ seed: seedArb, classes: fc.integer({ min: 2, max: 6 }), extra: fc.integer({ min: 0, max: 20 }) });

  test.prop([labelsArb], runs)(
    "breaks ties by the lowest index: W = 0 predicts class 0, so NC4 = (N − N_0)/N on collapsed features",
    ({ seed, classes, extra }) => {
      const labels = randomLabels(seed, classes, extra);
      const features = featuresAt(orthogonalFrame(seed, classes, classes), labels, null);
      const n0 = labels.filter((y) => y === 0).length;
      expect(nc4(new Matrix(classes, classes), features, labels, classes)).toBe((labels.length - n0) / labels.length);
    },
  );

  test.prop([caseSpecArb, seedArb, seedArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true })], runs)(
    "is invariant under a joint rotation (W → W Q, H → H Q) and positive scaling of W",
    (spec, seedW, seedQ, scaleW) => {
      const { features, labels, classes } = makeCase(spec);
      const w = gaussianMatrix(seedW, classes, spec.p);
      const q = orthogonalMatrix(seedQ, spec.p);
      expect(nc4(w.mmul(q).mul(scaleW), features.mmul(q), labels, classes)).toBe(nc4(w, features, labels, classes));
    },
  );

  test.prop([caseSpecArb, seedArb, seedArb], runs)(
    "is invariant under relabelling the classes together with the classifier's rows",
    (spec, seedW, seedPerm) => {
      const { features, labels, classes } = makeCase(spec);
      const w = gaussianMatrix(seedW, classes, spec.p);
      const perm = randomPermutation(seedPerm, classes);
      expect(nc4(permuteRows(w, perm), features, relabel(labels, perm), classes)).toBe(nc4(w, features, labels, classes));
    },
  );

  test.prop([caseSpecArb, seedArb], runs)("is a fraction k/N of the samples, in [0, 1]", (spec, seedW) => {
    const { features, labels, classes } = makeCase(spec);
    const value = nc4(gaussianMatrix(seedW, classes, spec.p), features, labels, classes);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
    const count = value * labels.length;
    expect(Math.abs(count - Math.round(count))).toBeLessThan(1e-9);
  });

  it("counts disagreements sample by sample (hand-computed)", () => {
    // Means (0, 0) and (4, 0); W picks class 1 when x₂ > 0. Samples: (−1, 1) near 0 but W says 1;
    // (1, −1) near 0 and W says 0; (3, 1) near 1 and W says 1; (5, −1) near 1 but W says 0.
    const features = new Matrix([[-1, 1], [1, -1], [3, 1], [5, -1]]);
    const w = new Matrix([[0, -1], [0, 1]]);
    expect(classMeans(features, [0, 0, 1, 1], 2).to2DArray()).toEqual([[0, 0], [4, 0]]);
    expect(nc4(w, features, [0, 0, 1, 1], 2)).toBe(0.5);
  });
});
