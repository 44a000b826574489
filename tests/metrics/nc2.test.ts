/**
 * NC2 (`src/metrics/nc2.ts`, `nc2FromMeans.ts`; Papyan, Han & Donoho 2020): simplex ETF
 * constructions give 0, invariances, and the relation between the two entry points.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { classMeans, nc2, nc2FromMeans, type Nc2Result } from "../../src/metrics/index.ts";
import { FLOAT64, expectClose, type Tolerance } from "../tolerances.ts";
import { EXACT_RUNS, gaussianMatrix, orthogonalMatrix, seedArb } from "../linalg/random.ts";
import {
  caseSpecArb,
  featuresAt,
  makeCase,
  orthogonalFrame,
  randomLabels,
  randomPermutation,
  relabel,
  simplexEtf,
} from "./cases.ts";

const runs = { numRuns: EXACT_RUNS };

function expectNc2Close(actual: Nc2Result, expected: Nc2Result, tol: Tolerance, what: string): void {
  expectClose(actual.equinorm, expected.equinorm, tol, `${what}: equinorm`);
  expectClose(actual.equiangularity, expected.equiangularity, tol, `${what}: equiangularity`);
  expectClose(actual.etfDistance, expected.etfDistance, tol, `${what}: etfDistance`);
}

const ZERO: Nc2Result = { equinorm: 0, equiangularity: 0, etfDistance: 0 };

const etfArb = fc.record({
  seed: seedArb,
  classes: fc.integer({ min: 2, max: 8 }),
  extraDims: fc.integer({ min: 0, max: 4 }),
  scale: fc.double({ min: 1e-2, max: 1e2, noNaN: true }),
});

describe("nc2FromMeans", () => {
  test.prop([etfArb, seedArb], runs)(
    "is 0 in all three parts for a simplex ETF of any scale, orientation and offset",
    ({ seed, classes, extraDims, scale }, seedShift) => {
      const p = classes + extraDims;
      const means = simplexEtf(seed, classes, p, scale).addRowVector(gaussianMatrix(seedShift, 1, p, 5 * scale));
      expectNc2Close(nc2FromMeans(means), ZERO, FLOAT64, "simplex ETF");
    },
  );

  test.prop([etfArb], runs)(
    "is 0 for an orthogonal frame: its centred version is a simplex ETF",
    ({ seed, classes, extraDims, scale }) => {
      const frame = orthogonalFrame(seed, classes, classes + extraDims, scale);
      expectNc2Close(nc2FromMeans(frame), ZERO, FLOAT64, "orthogonal frame");
    },
  );

  const genericArb = fc.record({ seed: seedArb, classes: fc.integer({ min: 3, max: 6 }), p: fc.integer({ min: 1, max: 10 }) });

  test.prop([genericArb], runs)(
    "is positive for generic (random) means when C ≥ 3, with 0 ≤ etfDistance ≤ 2",
    ({ seed, classes, p }) => {
      const result = nc2FromMeans(gaussianMatrix(seed, classes, p));
      expect(result.equinorm).toBeGreaterThan(0);
      expect(result.equiangularity).toBeGreaterThan(0);
      expect(result.etfDistance).toBeGreaterThan(0);
      expect(result.etfDistance).toBeLessThanOrEqual(2);
    },
  );

  test.prop([fc.record({ seed: seedArb, p: fc.integer({ min: 1, max: 10 }) })], runs)(
    "has equiangularity = etfDistance = 0 for any two classes (centred means are antipodal)",
    ({ seed, p }) => {
      const result = nc2FromMeans(gaussianMatrix(seed, 2, p));
      expectClose(result.equinorm, 0, FLOAT64, "equinorm");
      expectClose(result.equiangularity, 0, FLOAT64, "equiangularity");
      expectClose(result.etfDistance, 0, FLOAT64, "etfDistance");
    },
  );

  it("measures equal-norm spread: centred means (±1, ±3 on a line) give equinorm 1/2", () => {
    // Centred norms 1, 1, 3, 3 (sum of means 0): mean 2, population std 1.
    const result = nc2FromMeans(new Matrix([[-1], [1], [-3], [3]]));
    expectClose(result.equinorm, 0.5, FLOAT64, "equinorm");
  });

  it("is NaN where undefined: all means equal; one centred mean zero (its angles)", () => {
    const same = nc2FromMeans(new Matrix([[1, 2], [1, 2], [1, 2]]));
    expect([same.equinorm, same.equiangularity, same.etfDistance].every(Number.isNaN)).toBe(true);
    const oneAtCentre = nc2FromMeans(new Matrix([[-1, 0], [0, 0], [1, 0]]));
    expect(oneAtCentre.equiangularity).toBeNaN();
    expect(Number.isFinite(oneAtCentre.equinorm)).toBe(true);
    expect(Number.isFinite(oneAtCentre.etfDistance)).toBe(true);
  });
});

describe("nc2", () => {
  test.prop([caseSpecArb], runs)("equals nc2FromMeans of the class means", (spec) => {
    const { features, labels, classes } = makeCase(spec);
    expectNc2Close(nc2(features, labels, classes), nc2FromMeans(classMeans(features, labels, classes)), FLOAT64, "nc2");
  });

  const labelsArb = fc.record({ seed: seedArb, classes: fc.integer({ min: 2, max: 8 }), extra: fc.integer({ min: 0, max: 20 }) });

  test.prop([labelsArb], runs)(
    "is 0 for features that are a scaled orthogonal frame (rows s·e_y)",
    ({ seed, classes, extra }) => {
      const labels = randomLabels(seed, classes, extra);
      const features = featuresAt(Matrix.eye(classes).mul(2.5), labels, null);
      expectNc2Close(nc2(features, labels, classes), ZERO, FLOAT64, "orthogonal-frame features");
    },
  );

  test.prop([caseSpecArb, seedArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), seedArb], runs)(
    "is invariant under rotation, positive scaling and translation of the features",
    (spec, seedQ, scale, seedShift) => {
      const { features, labels, classes } = makeCase(spec);
      const shift = gaussianMatrix(seedShift, 1, spec.p, 5 * scale);
      const moved = features.mmul(orthogonalMatrix(seedQ, spec.p)).mul(scale).addRowVector(shift);
      expectNc2Close(nc2(moved, labels, classes), nc2(features, labels, classes), FLOAT64, "a H Q + 1bᵀ");
    },
  );

  test.prop([caseSpecArb, seedArb], runs)("is invariant under a permutation of the class labels", (spec, seedPerm) => {
    const { features, labels, classes } = makeCase(spec);
    const permuted = relabel(labels, randomPermutation(seedPerm, classes));
    expectNc2Close(nc2(features, permuted, classes), nc2(features, labels, classes), FLOAT64, "relabelled");
  });
});
