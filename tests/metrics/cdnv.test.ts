/**
 * CDNV (`src/metrics/cdnv.ts`; Galanti, György & Hutter 2022): its relation to NC1 in one
 * dimension, known constructions and invariances.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { cdnv, nc1 } from "../../src/metrics/index.ts";
import { FLOAT64, expectClose, expectMatrixClose } from "../tolerances.ts";
import { EXACT_RUNS, gaussianMatrix, orthogonalMatrix, seedArb } from "../linalg/random.ts";
import {
  caseSpecArb,
  featuresAt,
  makeCase,
  randomLabels,
  randomPermutation,
  relabel,
  simplexEtf,
} from "./cases.ts";

const runs = { numRuns: EXACT_RUNS };

describe("cdnv", () => {
  test.prop([caseSpecArb], runs)("has a symmetric, zero-diagonal pairwise matrix; reports its pair mean and max", (spec) => {
    const { features, labels, classes } = makeCase(spec);
    const { mean, max, pairwise } = cdnv(features, labels, classes);
    expectMatrixClose(pairwise.transpose(), pairwise, FLOAT64, "pairwiseᵀ");
    const upper: number[] = [];
    for (let a = 0; a < classes; a++) {
      expect(pairwise.get(a, a)).toBe(0);
      for (let b = a + 1; b < classes; b++) upper.push(pairwise.get(a, b));
    }
    expect(upper.every((x) => x >= 0)).toBe(true);
    expectClose(mean, upper.reduce((s, x) => s + x, 0) / upper.length, FLOAT64, "mean over pairs");
    expect(max).toBe(Math.max(...upper));
  });

  test.prop([seedArb, fc.integer({ min: 1, max: 15 })], runs)(
    "equals NC1/2 for two balanced classes in one dimension",
    (seed, perClass) => {
      // p = 1, n_0 = n_1: Σ_W = (Var_0 + Var_1)/2, Σ_B = (μ_1 − μ_0)²/4, so
      // NC1 = Σ_W/(2 Σ_B) = (Var_0 + Var_1)/(μ_1 − μ_0)² = 2 CDNV.
      const labels = Array.from({ length: 2 * perClass }, (_, i) => i % 2);
      const features = gaussianMatrix(seed, labels.length, 1).add(featuresAt(new Matrix([[0], [3]]), labels, null));
      expectClose(cdnv(features, labels, 2).mean, nc1(features, labels, 2) / 2, FLOAT64, "CDNV vs NC1/2");
    },
  );

  it("is d²/4 for two classes at ±1 with spread ±d on a line (hand-computed)", () => {
    const d = 0.3;
    const features = new Matrix([[-1 - d], [-1 + d], [1 - d], [1 + d]]);
    expectClose(cdnv(features, [0, 0, 1, 1], 2).mean, (d * d) / 4, FLOAT64, "CDNV on a line");
  });

  test.prop([caseSpecArb, fc.double({ min: 1e-3, max: 10, noNaN: true })], runs)(
    "scales as t² with the within-class spread",
    (spec, t) => {
      const { means, noise, labels, classes } = makeCase(spec);
      const atOne = cdnv(featuresAt(means, labels, noise, 1), labels, classes);
      const atT = cdnv(featuresAt(means, labels, noise, t), labels, classes);
      expectClose(atT.mean, t * t * atOne.mean, FLOAT64, `CDNV mean at t = ${t}`);
      expectMatrixClose(atT.pairwise, atOne.pairwise.clone().mul(t * t), FLOAT64, `pairwise CDNV at t = ${t}`);
    },
  );

  test.prop([caseSpecArb, seedArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), seedArb], runs)(
    "is invariant under rotation, positive scaling and translation of the features",
    (spec, seedQ, scale, seedShift) => {
      const { features, labels, classes } = makeCase(spec);
      const shift = gaussianMatrix(seedShift, 1, spec.p, 5 * scale);
      const moved = features.mmul(orthogonalMatrix(seedQ, spec.p)).mul(scale).addRowVector(shift);
      const before = cdnv(features, labels, classes);
      const after = cdnv(moved, labels, classes);
      expectClose(after.mean, before.mean, FLOAT64, "CDNV mean");
      expectMatrixClose(after.pairwise, before.pairwise, FLOAT64, "pairwise CDNV");
    },
  );

  test.prop([caseSpecArb, seedArb], runs)(
    "is equivariant under relabelling: the mean is unchanged, the pairwise matrix is permuted",
    (spec, seedPerm) => {
      const { features, labels, classes } = makeCase(spec);
      const perm = randomPermutation(seedPerm, classes);
      const before = cdnv(features, labels, classes);
      const after = cdnv(features, relabel(labels, perm), classes);
      expectClose(after.mean, before.mean, FLOAT64, "CDNV mean");
      for (let a = 0; a < classes; a++) {
        for (let b = 0; b < classes; b++) {
          const moved = after.pairwise.get(perm[a] as number, perm[b] as number);
          expectClose(moved, before.pairwise.get(a, b), FLOAT64, `pair (${a}, ${b})`);
        }
      }
    },
  );

  test.prop([seedArb, fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 20 })], runs)(
    "is 0 for features collapsed to their class means (simplex ETF)",
    (seed, classes, extra) => {
      const labels = randomLabels(seed, classes, extra);
      const result = cdnv(featuresAt(simplexEtf(seed, classes, classes + 1), labels, null), labels, classes);
      expectClose(result.mean, 0, FLOAT64, "CDNV mean");
      expectClose(result.max, 0, FLOAT64, "CDNV max");
    },
  );

  it("is +∞ for a pair of classes with coinciding means", () => {
    // Classes 0 and 1 both have mean (1, 0) exactly (dyadic entries); class 2 sits at (0, 5).
    const features = new Matrix([[0.5, 0], [1.5, 0], [1, -0.5], [1, 0.5], [0, 4.5], [0, 5.5]]);
    const result = cdnv(features, [0, 0, 1, 1, 2, 2], 3);
    expect(result.pairwise.get(0, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(result.pairwise.get(0, 2))).toBe(true);
    expect(result.mean).toBe(Number.POSITIVE_INFINITY);
    expect(result.max).toBe(Number.POSITIVE_INFINITY);
  });
});
