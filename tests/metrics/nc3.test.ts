/**
 * NC3, self-duality (`src/metrics/nc3.ts`): a classifier equal to the (uncentred or centred) class
 * means gives 0 in that variant and not in the other; invariances under joint rotation and scaling.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { classMeans, nc3 } from "../../src/metrics/index.ts";
import { FLOAT64, expectClose } from "../tolerances.ts";
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
  spread: fc.double({ min: 0, max: 2, noNaN: true }),
  gain: fc.double({ min: 1e-2, max: 1e2, noNaN: true }),
});

describe("nc3", () => {
  test.prop([frameArb], runs)(
    "is 0 (uncentred) for W = t·Mᵀ, t > 0, M the uncentred means of an orthogonal frame; centred is not",
    ({ seed, classes, extraDims, extra, spread, gain }) => {
      const labels = randomLabels(seed, classes, extra);
      const p = classes + extraDims;
      const frame = orthogonalFrame(seed, classes, p, 3);
      const noise = centreWithinClasses(gaussianMatrix(seed + 1, labels.length, p), labels, classes);
      const features = featuresAt(frame, labels, noise, spread);
      const result = nc3(frame.clone().mul(gain), features, labels, classes);
      expectClose(result.uncentred, 0, FLOAT64, "uncentred NC3");
      // The centred means of the frame are e_c − 1/C (up to rotation), at cosine √((C−1)/C) from
      // the e_c as a whole: a bias-free classifier aligned with the uncentred means is
      // √(2 − 2√((C−1)/C)) from the centred ones (0.42 for C = 6, → 0 like 1/√(2C)).
      expectClose(result.centred, Math.sqrt(2 - 2 * Math.sqrt((classes - 1) / classes)), FLOAT64, "centred NC3");
    },
  );

  test.prop([caseSpecArb, fc.double({ min: 1e-2, max: 1e2, noNaN: true })], runs)(
    "is 0 (centred) for a classifier equal to a positive multiple of the centred means",
    (spec, gain) => {
      const { features, labels, classes } = makeCase(spec);
      const means = classMeans(features, labels, classes);
      const centred = means.clone().subRowVector(means.mean("column"));
      expectClose(nc3(centred.mul(gain), features, labels, classes).centred, 0, FLOAT64, "centred NC3");
    },
  );

  const positiveArb = fc.double({ min: 1e-3, max: 1e3, noNaN: true });

  test.prop([caseSpecArb, seedArb, seedArb, positiveArb, positiveArb], runs)(
    "is invariant under a joint rotation (W → W Q, H → H Q) and positive scalings of W and H",
    (spec, seedW, seedQ, scaleW, scaleH) => {
      const { features, labels, classes } = makeCase(spec);
      const w = gaussianMatrix(seedW, classes, spec.p);
      const q = orthogonalMatrix(seedQ, spec.p);
      const before = nc3(w, features, labels, classes);
      const after = nc3(w.mmul(q).mul(scaleW), features.mmul(q).mul(scaleH), labels, classes);
      expectClose(after.uncentred, before.uncentred, FLOAT64, "uncentred NC3");
      expectClose(after.centred, before.centred, FLOAT64, "centred NC3");
    },
  );

  test.prop([caseSpecArb, seedArb, seedArb], runs)(
    "is invariant under relabelling the classes together with the classifier's rows",
    (spec, seedW, seedPerm) => {
      const { features, labels, classes } = makeCase(spec);
      const w = gaussianMatrix(seedW, classes, spec.p);
      const perm = randomPermutation(seedPerm, classes);
      const before = nc3(w, features, labels, classes);
      const after = nc3(permuteRows(w, perm), features, relabel(labels, perm), classes);
      expectClose(after.uncentred, before.uncentred, FLOAT64, "uncentred NC3");
      expectClose(after.centred, before.centred, FLOAT64, "centred NC3");
    },
  );

  test.prop([caseSpecArb, seedArb], runs)("lies in [0, 2], with 2 for W = −Mᵀ", (spec, seedW) => {
    const { features, labels, classes } = makeCase(spec);
    const result = nc3(gaussianMatrix(seedW, classes, spec.p), features, labels, classes);
    for (const value of [result.uncentred, result.centred]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(2);
    }
    const opposite = classMeans(features, labels, classes).mul(-1);
    expectClose(nc3(opposite, features, labels, classes).uncentred, 2, FLOAT64, "NC3 of −Mᵀ");
  });

  it("is NaN for a zero classifier (no direction to compare)", () => {
    const result = nc3(new Matrix(2, 1), new Matrix([[1], [2]]), [0, 1], 2);
    expect(result.uncentred).toBeNaN();
    expect(result.centred).toBeNaN();
  });
});
