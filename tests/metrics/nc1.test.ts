/**
 * NC1 = Tr(Σ_W Σ_B^†)/C (`src/metrics/nc1.ts`; Papyan, Han & Donoho 2020; CLAIMS.md
 * "Conventions"): the projection-based fast path against the textbook formula with explicit
 * p × p covariances, known constructions and invariances.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import {
  betweenClassCovariance,
  NC1_RELATIVE_TOLERANCE,
  nc1,
  withinClassCovariance,
} from "../../src/metrics/index.ts";
import { FLOAT64, expectClose, scaled } from "../tolerances.ts";
import { EXACT_RUNS, gaussianMatrix, orthogonalMatrix, seedArb } from "../linalg/random.ts";
import {
  caseSpecArb,
  featuresAt,
  makeCase,
  nc1Conditioning,
  nearEigenvalueRatio,
  randomLabels,
  randomPermutation,
  relabel,
  simplexEtf,
} from "./cases.ts";

const runs = { numRuns: EXACT_RUNS };

/**
 * The slow, obviously-correct NC1: `Tr(Σ_W Σ_B^†)/C` with the `p × p` covariances and the
 * pseudo-inverse from a symmetric eigendecomposition of Σ_B, on its top C − 1 eigenpairs with
 * eigenvalues above `tol · λ_max`.
 */
function nc1Slow(features: Matrix, labels: number[], classes: number, tol = NC1_RELATIVE_TOLERANCE): number {
  const sw = withinClassCovariance(features, labels, classes);
  const sb = betweenClassCovariance(features, labels, classes);
  const evd = new EigenvalueDecomposition(sb, { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const order = values.map((_, i) => i).sort((a, b) => (values[b] as number) - (values[a] as number));
  const lambdaMax = values[order[0] as number] as number;
  const p = sb.rows;
  const pinv = new Matrix(p, p);
  for (const i of order.slice(0, classes - 1)) {
    const lambda = values[i] as number;
    if (!(lambda > tol * lambdaMax)) continue;
    const v = vectors.getColumnVector(i);
    pinv.add(v.mmul(v.transpose()).div(lambda));
  }
  return sw.mmul(pinv).trace() / classes;
}

describe("nc1", () => {
  test.prop([caseSpecArb], runs)(
    "equals the slow formula Tr(Σ_W pinv_{C−1}(Σ_B))/C with explicit p × p covariances",
    (spec) => {
      const { features, labels, classes } = makeCase(spec);
      const kappa = nc1Conditioning(features, labels, classes);
      const slow = nc1Slow(features, labels, classes);
      expectClose(nc1(features, labels, classes), slow, scaled(FLOAT64, kappa), "NC1 fast vs slow");
    },
  );

  test.prop([caseSpecArb, fc.double({ min: 0, max: 0.99, noNaN: true })], runs)(
    "equals the slow formula at any relative tolerance, and is ≥ 0",
    (spec, tol) => {
      const { features, labels, classes } = makeCase(spec);
      const fast = nc1(features, labels, classes, { relativeTolerance: tol });
      expect(fast).toBeGreaterThanOrEqual(0);
      // At a tolerance equal to an eigenvalue ratio the keep/drop decision rests on rounding.
      fc.pre(!nearEigenvalueRatio(features, labels, classes, tol));
      const kappa = nc1Conditioning(features, labels, classes, tol);
      const slow = nc1Slow(features, labels, classes, tol);
      expectClose(fast, slow, scaled(FLOAT64, kappa), `NC1 fast vs slow at tolerance ${tol}`);
    },
  );

  test.prop([caseSpecArb, fc.double({ min: 1e-3, max: 10, noNaN: true })], runs)(
    "scales as t² with the within-class spread: NC1(μ_y + t ξ) = t² NC1(μ_y + ξ)",
    (spec, t) => {
      const { means, noise, labels, classes } = makeCase(spec);
      const atOne = nc1(featuresAt(means, labels, noise, 1), labels, classes);
      const atT = nc1(featuresAt(means, labels, noise, t), labels, classes);
      expectClose(atT, t * t * atOne, FLOAT64, `NC1 at t = ${t}`);
    },
  );

  test.prop([caseSpecArb, fc.double({ min: 0.01, max: 1, noNaN: true })], runs)(
    "decreases when the within-class noise is scaled down",
    (spec, shrink) => {
      const { means, noise, labels, classes } = makeCase(spec);
      const before = nc1(featuresAt(means, labels, noise, 1), labels, classes);
      const after = nc1(featuresAt(means, labels, noise, shrink), labels, classes);
      expect(after).toBeLessThanOrEqual(before * (1 + FLOAT64.rel));
    },
  );

  test.prop([caseSpecArb, seedArb], runs)("is invariant under a rotation of the features (H → H Q)", (spec, seedQ) => {
    const { features, labels, classes } = makeCase(spec);
    const rotated = features.mmul(orthogonalMatrix(seedQ, spec.p));
    const kappa = nc1Conditioning(features, labels, classes);
    expectClose(nc1(rotated, labels, classes), nc1(features, labels, classes), scaled(FLOAT64, kappa), "NC1(H Q)");
  });

  test.prop([caseSpecArb, seedArb], runs)("is invariant under a permutation of the class labels", (spec, seedPerm) => {
    const { features, labels, classes } = makeCase(spec);
    const permuted = relabel(labels, randomPermutation(seedPerm, classes));
    const kappa = nc1Conditioning(features, labels, classes);
    expectClose(nc1(features, permuted, classes), nc1(features, labels, classes), scaled(FLOAT64, kappa), "NC1 relabelled");
  });

  test.prop([caseSpecArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), seedArb], runs)(
    "is invariant under positive scaling and translation of the features",
    (spec, scale, seedShift) => {
      const { features, labels, classes } = makeCase(spec);
      const moved = features.clone().mul(scale).addRowVector(gaussianMatrix(seedShift, 1, spec.p, 5 * scale));
      const kappa = nc1Conditioning(features, labels, classes);
      expectClose(nc1(moved, labels, classes), nc1(features, labels, classes), scaled(FLOAT64, kappa), "NC1(a H + 1bᵀ)");
    },
  );

  const etfLabelsArb = [seedArb, fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 20 })] as const;

  test.prop([...etfLabelsArb], runs)(
    "is 0 when every sample sits at its class mean (simplex ETF means, any p ≥ C)",
    (seed, classes, extraDims, extra) => {
      const labels = randomLabels(seed, classes, extra);
      const features = featuresAt(simplexEtf(seed, classes, classes + extraDims, 2), labels, null);
      expectClose(nc1(features, labels, classes), 0, FLOAT64, "NC1 of collapsed features");
    },
  );

  it("is d²/2 for two classes at ±1 with spread ±d on a line (hand-computed)", () => {
    // Class 0 at {−1 ± d}, class 1 at {+1 ± d}: Σ_W = d², Σ_B = 1 (μ̃ = ±1), so NC1 = d²/2.
    const d = 0.3;
    const features = new Matrix([[-1 - d], [-1 + d], [1 - d], [1 + d]]);
    expectClose(nc1(features, [0, 0, 1, 1], 2), (d * d) / 2, FLOAT64, "NC1 on a line");
  });

  it("is +∞ when all class means coincide (no between-class spread), never a spurious 0", () => {
    const features = new Matrix([[1, 2], [3, 4], [3, 4], [1, 2]]);
    expect(nc1(features, [0, 0, 1, 1], 2)).toBe(Number.POSITIVE_INFINITY);
    expect(nc1(new Matrix(4, 3), [0, 1, 2, 0], 3)).toBe(Number.POSITIVE_INFINITY);
  });

  it("drops eigenpairs at or below the relative tolerance (fewer inverted directions, smaller NC1)", () => {
    const { features, labels, classes } = makeCase({ seed: 7, classes: 4, p: 5, extra: 20 });
    const all = nc1(features, labels, classes, { relativeTolerance: 0 });
    const top = nc1(features, labels, classes, { relativeTolerance: 0.999999 });
    expect(top).toBeGreaterThan(0);
    expect(top).toBeLessThan(all);
    expect(() => nc1(features, labels, classes, { relativeTolerance: -1 })).toThrow(
      "nc1: options.relativeTolerance is -1; expected a finite number ≥ 0",
    );
  });
});
